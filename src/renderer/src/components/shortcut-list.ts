/**
 * Every keyboard shortcut, by screen: the one list the shortcut sheet (?) and the first-run welcome
 * show. Labels only — the keys themselves are handled where they act (screens/study/study-keys.ts,
 * screens/practice/*-keys.ts, screens/browse/…); a screen that adds a key adds its line here.
 * tests/unit/renderer/store/preferences-shortcuts.test.ts replays the study and exam lines through
 * those key maps, so a listed key that does nothing, or a study command with no key, fails.
 */
export interface Shortcut {
  /** Alternatives, each a chord like "Ctrl+Alt+N"; "1–4" stands for each key of the range. */
  keys: string[]
  does: string
  /** Also listed in the first-run welcome. */
  essential?: boolean
}

export interface ShortcutGroup {
  title: string
  shortcuts: Shortcut[]
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Studying',
    shortcuts: [
      { keys: ['Space', 'Enter'], does: 'Show the answer; once it shows, grade Good', essential: true },
      { keys: ['A–H'], does: 'On an exam-style question: choose option A, B, C… (Space submits, then saves the grade it earned)' },
      { keys: ['1–4'], does: 'Grade the answer: 1 Again, 2 Hard, 3 Good, 4 Easy', essential: true },
      { keys: ['Ctrl+Z'], does: 'Undo the last grade or card action', essential: true },
      { keys: ['-'], does: 'Bury the card until tomorrow', essential: true },
      { keys: ['@'], does: 'Suspend the card', essential: true },
      { keys: ['Ctrl+1–7'], does: 'Put a coloured flag on the card, or take it off' },
      { keys: ['Ctrl+Alt+N'], does: 'Reset the card to new' },
      { keys: ['E'], does: 'Edit the card (a front/back card; exam-style questions are edited in their notes)', essential: true },
      { keys: ['I'], does: "Show the card's review history", essential: true },
      { keys: ['Esc'], does: 'Back to the decks', essential: true }
    ]
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['?'], does: 'Show every keyboard shortcut', essential: true },
      { keys: ['Tab', 'Shift+Tab'], does: 'Move to the next or previous control' },
      { keys: ['Esc'], does: 'Close a dialog' }
    ]
  },
  {
    title: 'Decks',
    shortcuts: [
      { keys: ['Tab'], does: 'Move between decks and their ⚙ options' },
      { keys: ['Enter'], does: 'Study the focused deck, or open its options' }
    ]
  },
  {
    title: 'Browse',
    shortcuts: [
      { keys: ['/'], does: 'Jump to the search box' },
      { keys: ['↓'], does: 'From the search box, into the card list' },
      { keys: ['↑', '↓', 'PgUp', 'PgDn', 'Home', 'End'], does: 'Move in the list; with Shift, select as you go' },
      { keys: ['Space'], does: 'Select or unselect the card' },
      { keys: ['Ctrl+A'], does: 'Select every card found' },
      { keys: ['Enter'], does: 'Edit the card' },
      { keys: ['Ctrl+J'], does: 'Suspend or unsuspend the selected cards' },
      { keys: ['Del'], does: 'Delete the selected cards (asks first)' },
      { keys: ['Ctrl+Z'], does: 'Undo the last change' },
      { keys: ['Esc'], does: 'Clear the selection, or close the editor' }
    ]
  },
  {
    title: 'Add',
    shortcuts: [
      { keys: ['Ctrl+Enter'], does: 'Add the card and start the next one' },
      { keys: ['Ctrl+Shift+C'], does: 'Cloze: hide the selection on a card of its own' },
      { keys: ['Ctrl+Shift+Alt+C'], does: 'Cloze: hide the selection on the same card as the last' }
    ]
  },
  {
    title: 'Practice: multiple choice',
    shortcuts: [
      { keys: ['1–4', 'A–D'], does: 'Choose an option' },
      { keys: ['H', 'G', 'E'], does: 'After a right answer: rate it Hard, Good or Easy (or 2–4)' },
      { keys: ['Enter', 'Space'], does: 'Next card' },
      { keys: ['Ctrl+Z'], does: 'Undo the last answer' },
      { keys: ['Esc'], does: 'Back to practice' }
    ]
  },
  {
    title: 'Practice: mock exam',
    shortcuts: [
      { keys: ['A–H', '1–8'], does: 'Choose an option (in an ordering question: the next step)' },
      { keys: ['N', '→'], does: 'Next question' },
      { keys: ['P', '←'], does: 'Previous question' },
      { keys: ['Ctrl+Enter'], does: 'Finish the mock exam (asks first)' }
    ]
  }
]

export const MAC_NOTE = 'On a Mac, Cmd works wherever Ctrl is shown.'
