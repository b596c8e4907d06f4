import { SHORTCUT_GROUPS } from '@components/shortcut-list'
import { mockExamCommandForKey, type MockExamCommand } from '@screens/practice/mock-exam-keys'
import { commandForKey, type KeyPress, type StudyCommand } from '@screens/study/study-keys'
import { describe, expect, it } from 'vitest'

/** "Ctrl+1–7" → seven presses; "A–D" → four; "Space" → ' '; "E" → 'e'. */
function pressesFor(chord: string): KeyPress[] {
  const parts = chord.split(/(?<=.)\+(?=.)/)
  const key = parts.at(-1)!
  const mods = { ctrlKey: parts.includes('Ctrl'), altKey: parts.includes('Alt'), shiftKey: parts.includes('Shift'), metaKey: false }
  const range = /^(.)–(.)$/.exec(key)
  const keys = range
    ? Array.from({ length: range[2]!.charCodeAt(0) - range[1]!.charCodeAt(0) + 1 }, (_, i) =>
        String.fromCharCode(range[1]!.charCodeAt(0) + i)
      )
    : [key]
  return keys.map((k) => {
    const named: Record<string, string> = { Space: ' ', Esc: 'Escape', Enter: 'Enter', '→': 'ArrowRight', '←': 'ArrowLeft' }
    const pressed = named[k] ?? (/^[A-Z]$/.test(k) ? k.toLowerCase() : k)
    const code = /^\d$/.test(k) ? `Digit${k}` : /^[A-Z]$/.test(k) ? `Key${k}` : undefined
    return { key: pressed, ...(code ? { code } : {}), ...mods }
  })
}

// Adding a study command without listing its key here fails the type check.
const EVERY_STUDY_COMMAND: Record<StudyCommand['kind'], true> = {
  reveal: true,
  grade: true,
  leave: true,
  undo: true,
  bury: true,
  suspend: true,
  flag: true,
  forget: true,
  edit: true,
  info: true,
  choose: true
}

/** An exam-style question of eight options on screen: letters choose. */
const QUESTION = { letters: 8, question: true }
const commandsFor = (press: KeyPress, revealed: boolean) => [commandForKey(press, revealed), commandForKey(press, revealed, QUESTION)]

describe('the shortcut sheet', () => {
  const study = SHORTCUT_GROUPS.find((g) => g.title === 'Studying')!

  it('lists only study keys that do something on the study screen', () => {
    for (const shortcut of study.shortcuts) {
      for (const press of shortcut.keys.flatMap(pressesFor)) {
        const command = [...commandsFor(press, true), ...commandsFor(press, false)].find((c) => c !== null)
        expect(command, `${JSON.stringify(press)} for "${shortcut.does}"`).not.toBeNull()
      }
    }
  })

  it('lists a key for every study command', () => {
    const listed = new Set<string>()
    for (const press of study.shortcuts.flatMap((s) => s.keys.flatMap(pressesFor))) {
      for (const revealed of [false, true]) {
        for (const command of commandsFor(press, revealed)) if (command) listed.add(command.kind)
      }
    }
    expect([...listed].sort()).toEqual(Object.keys(EVERY_STUDY_COMMAND).sort())
  })

  it('lists all seven flags and all four grades', () => {
    const presses = study.shortcuts.flatMap((s) => s.keys.flatMap(pressesFor))
    const flags = presses.map((p) => commandForKey(p, true)).filter((c) => c?.kind === 'flag')
    const grades = presses.map((p) => commandForKey(p, true)).filter((c) => c?.kind === 'grade')
    expect(new Set(flags.map((c) => (c as { flag: number }).flag))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]))
    expect(new Set(grades.map((c) => (c as { rating: number }).rating))).toEqual(new Set([1, 2, 3, 4]))
  })

  it('lists exam-simulation keys that each do something, for every exam command', () => {
    const exam = SHORTCUT_GROUPS.find((g) => g.title === 'Practice: mock exam')!
    const EVERY_EXAM_COMMAND: Record<MockExamCommand['kind'], true> = { answer: true, next: true, previous: true, finish: true }
    const listed = new Set<string>()
    for (const shortcut of exam.shortcuts) {
      for (const press of shortcut.keys.flatMap(pressesFor)) {
        const command = mockExamCommandForKey(press, 8)
        expect(command, `${JSON.stringify(press)} for "${shortcut.does}"`).not.toBeNull()
        listed.add(command!.kind)
      }
    }
    expect([...listed].sort()).toEqual(Object.keys(EVERY_EXAM_COMMAND).sort())
  })
})
