import { actions } from '@store'
import { useEffect } from 'react'

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null)
}

/**
 * "?" (Shift+/ on most layouts) opens the sheet from any screen, except while typing or in a dialog.
 * Kept apart from the sheet, which is loaded only when it opens, so the key works from the start.
 */
export function useQuestionMarkKey() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return
      if (typingIn(event.target) || document.querySelector('dialog[open]')) return
      event.preventDefault()
      actions().openShortcutSheet()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

/** The sheet for mouse users, in the nav bar. */
export function ShortcutSheetButton() {
  return (
    <button
      type="button"
      onClick={() => actions().openShortcutSheet()}
      aria-keyshortcuts="?"
      title="Keyboard shortcuts (?)"
      className="rounded-md px-2.5 py-1 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">?</span>
      <span className="sr-only">Keyboard shortcuts</span>
    </button>
  )
}
