import { readdirSync, readFileSync } from 'node:fs'

interface DeckFile {
  id: string
  name: string
  notes: Array<{ type: string; reverse?: boolean }>
}

function readDecks(): DeckFile[] {
  return readdirSync('decks')
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as DeckFile)
}

/** Notes of a deck file that make study cards (all but case studies): siblings buried, today's queue holds one card of each. */
export function studyNotes(deckId: string): number {
  return readDecks()
    .filter((d) => d.id === deckId)
    .flatMap((d) => d.notes)
    .filter((note) => note.type !== 'case').length
}

/** Study cards a deck file makes: a front/back note one or two, a question one, a case study none. */
export function studyCards(deckId?: string): number {
  return readDecks()
    .filter((d) => deckId === undefined || d.id === deckId)
    .flatMap((d) => d.notes)
    .reduce((n, note) => n + (note.type === 'case' ? 0 : note.type === 'basic' && note.reverse ? 2 : 1), 0)
}
