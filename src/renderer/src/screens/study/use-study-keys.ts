import { commandForKey, type KeyContext, type StudyCommand } from '@screens/study/study-keys'
import { actions } from '@store'
import { useEffect } from 'react'

/** Window-wide review keys, off while a dialog or text field has the keyboard. */
export function useStudyKeys(
  revealed: boolean,
  enabled: boolean,
  open: (panel: 'edit' | 'info') => void,
  context: KeyContext,
  /** While the question is not drawn yet, Space and Enter call this instead of showing the answer. */
  holdReveal?: () => void
) {
  const { letters, suggested, question } = context
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat) return
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select, dialog')) return
      const command = commandForKey(event, revealed, { letters, question, ...(suggested !== undefined ? { suggested } : {}) })
      if (!command) return
      event.preventDefault()
      if (command.kind === 'reveal' && holdReveal) holdReveal()
      else run(command, open)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [revealed, enabled, open, letters, suggested, question, holdReveal])
}

export function run(command: StudyCommand, open: (panel: 'edit' | 'info') => void): void {
  const a = actions()
  switch (command.kind) {
    case 'leave':
      return void a.leaveStudy()
    case 'reveal':
      return a.reveal()
    case 'choose':
      return a.chooseOption(command.at)
    case 'grade':
      return void a.grade(command.rating)
    case 'undo':
      return void a.undoLast()
    case 'bury':
      return void a.buryCard()
    case 'suspend':
      return void a.suspendCard()
    case 'flag':
      return void a.toggleFlag(command.flag)
    case 'forget':
      return void a.forgetCard()
    case 'edit':
      return open('edit')
    case 'info':
      return open('info')
  }
}
