import { parseCloze } from '@shared/deck/cloze'
import { builtInProblems } from '@shared/deck/built-in-rules'
import { parseMarkdownDeck } from '@shared/deck/markdown'
import type { DeckProblem } from '@shared/deck/problems'
import { serializeDeck } from '@shared/deck/read-deck-file'
import type { Deck } from '@shared/deck/schema'
import { blueprintSchema } from '@shared/exam/blueprint'
import { blueprintProblems } from '@shared/exam/task-statements'
import { BLUEPRINTS, TASK_STATEMENTS } from '@shared/exam/blueprints'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

export interface GeneratedDeck {
  /** File name under decks/, e.g. `aws-ml-services.json`. */
  fileName: string
  content: string
  deck: Deck
  cardCount: number
}

/**
 * Builds the native decks from the Markdown notes in `decks/sources`, in memory. The same importer
 * that reads a user's notes reads ours, and the built-in rules come on top (every note names its
 * task statements and sources; see built-in-rules.ts). Any problem fails the whole generation.
 */
export async function generateBuiltInDecks(root: string): Promise<{ decks: GeneratedDeck[]; problems: DeckProblem[] }> {
  const sourcesDir = join(root, 'decks', 'sources')
  const names = (await readdir(sourcesDir)).filter((n) => n.endsWith('.md')).sort()
  const decks: GeneratedDeck[] = []
  const problems: DeckProblem[] = BLUEPRINTS.flatMap((b) => [
    ...(blueprintSchema.safeParse(b).error?.issues ?? []).map((i) => `${b.exam}: ${i.path.join('.')}: ${i.message}`),
    ...blueprintProblems(b)
  ]).map((message) => ({ file: 'src/shared/exam/blueprints', message }))
  const known = new Set(TASK_STATEMENTS.keys())
  for (const name of names) {
    const path = join(sourcesDir, name)
    const source = relative(root, path).split('\\').join('/')
    const result = parseMarkdownDeck(await readFile(path, 'utf8'), source)
    problems.push(...result.problems)
    if (!result.deck) continue
    const deck = { ...result.deck, source }
    problems.push(...builtInProblems(deck, source, known))
    decks.push({ fileName: `${deck.id}.json`, content: serializeDeck(deck), deck, cardCount: studyCardCount(deck) })
  }
  return { decks, problems }
}

/** The study cards a deck makes: one per note, two for a basic note with its reverse, one per number of a cloze, none for a case study. */
export function studyCardCount(deck: Deck): number {
  const cardsOf = (note: Deck['notes'][number]) => {
    if (note.type === 'case') return 0
    if (note.type === 'cloze') return parseCloze(note.text).numbers.length
    return note.type === 'basic' && note.reverse ? 2 : 1
  }
  return deck.notes.reduce((n, note) => n + cardsOf(note), 0)
}
