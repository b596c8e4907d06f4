import type { QuestionNote } from '@shared/deck/schema'
import type { SchedulingState } from './scheduling'

/**
 * Where a card sits, as in Anki's `queue` column: which of today's lists it can be in. Derived
 * from its FSRS state unless the user or the deck took it out of study.
 */
export const Queue = {
  New: 0,
  Learning: 1,
  Review: 2,
  /** Taken out of study by the user until unsuspended. */
  Suspended: -1,
  /** Hidden until the next study day (see `buriedUntil`). */
  Buried: -2,
  /** The card is no longer in its deck file; its progress is kept in case it comes back. */
  Removed: -3
} as const
export type QueueValue = (typeof Queue)[keyof typeof Queue]

/** One study card: one direction of one card of a deck, with its scheduling state. */
export interface CardRecord extends SchedulingState {
  /** `deckId/cardId` for the front→back direction, `deckId/cardId/reverse` for back→front. */
  id: string
  deckId: string
  cardId: string
  reverse: boolean
  /** The card of a cloze note: the number of the deletions it hides (`{{c2::…}}` → 2). */
  cloze?: number
  /** Position in the deck: forward cards first, in file order, then the reversed ones. */
  ord: number
  question: string
  answer: string
  extra?: string
  tags: string[]
  /** The exam task statements its note serves ("AIF-C01 1.1"), copied from the note. */
  tasks?: string[]
  /** What the note's term is (service, concept, metric…), copied from the note: multiple-choice options compare like with like. */
  kind?: string
  /** Ids of notes of the same deck that people mix up with this one: preferred wrong options. */
  confusable?: string[]
  /** For the card of an exam-style question: its type (the question itself is in the note). Absent: a front/back card. */
  noteType?: QuestionNote['type']
  queue: QueueValue
  /** When `queue` is Buried: the start of the study day on which the card returns. */
  buriedUntil?: number
  /** Anki's coloured flags: 0 none, 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple. */
  flag?: number
  /** Set when the user edited the text in the app: a new version of the deck file then keeps the edit. */
  edited?: boolean
  createdAt: number
  /** Change stamp (ms, increasing), set on every write by the derived-tables middleware. */
  mod?: number
}

/** The key of one direction of a deck card: `deckId/cardId`, or `deckId/cardId/reverse`. */
export function studyCardKey(deckId: string, cardId: string, reverse: boolean): string {
  return reverse ? `${deckId}/${cardId}/reverse` : `${deckId}/${cardId}`
}

/** The key of a cloze note's card: `deckId/noteId/c2` for the deletions numbered 2. */
export function clozeCardKey(deckId: string, noteId: string, n: number): string {
  return `${deckId}/${noteId}/c${n}`
}

/**
 * The key of the note a card key belongs to: the card key without `/reverse` or `/cN`. Neither a
 * deck id nor a note id holds a `/` (ID_PATTERN), so it is the key's first two parts: a basic note
 * whose id is `c2` has the card `deck/c2`, which is not a cloze card of a note `deck`.
 */
export function noteKeyOfCardKey(cardKey: string): string {
  const noteEnd = cardKey.indexOf('/', cardKey.indexOf('/') + 1)
  return noteEnd < 0 ? cardKey : cardKey.slice(0, noteEnd)
}

/** The list an active card belongs in, from its FSRS state (ts-fsrs State: 0 new, 1/3 learning, 2 review). */
export function queueForState(state: number): QueueValue {
  if (state === 0) return Queue.New
  if (state === 2) return Queue.Review
  return Queue.Learning
}

/**
 * The scheduling fields of every card of one deck, as typed columns (a derived table; see
 * db/card-columns.ts). Reading 100,000 cards as objects costs over a second; as columns, a few ms.
 */
export interface CardColumnsRecord {
  deckId: string
  /** Cards changed at or after this stamp (`mod`) may not be in the columns yet. */
  builtFrom: number
  /** In key order, as the `deckId` index lists a deck's cards. */
  ids: string[]
  queue: Int8Array
  state: Int8Array
  due: Float64Array
  stability: Float64Array
  difficulty: Float64Array
  /** NaN when the card was never reviewed. */
  lastReview: Float64Array
  scheduledDays: Float64Array
  /** NaN when the card is not buried. */
  buriedUntil: Float64Array
  // The rest of the scheduling state and the order: the exam forecast simulates study with them.
  ord: Float64Array
  elapsedDays: Float64Array
  learningSteps: Float64Array
  reps: Float64Array
  lapses: Float64Array
  /** Each distinct list of tags once (topic readiness needs them); `tagSet` points into it per card. */
  tagSets: string[][]
  tagSet: Int32Array
  /** Each distinct list of exam task statements once (exam readiness needs them); `taskSet` points into it per card. */
  taskSets: string[][]
  taskSet: Int32Array
  /** The card's question type: 0 front/back, then NOTE_TYPE_CODES' order. */
  noteType: Int8Array
}

/** Question types as the card columns store them (index + 1; 0 is a front/back card). */
export const NOTE_TYPE_CODES = ['single', 'multiple', 'ordering', 'matching'] as const

/** The fields the statistics read of a card, as the card columns give them. */
export type StatsCard = Pick<
  CardRecord,
  'deckId' | 'queue' | 'state' | 'due' | 'stability' | 'difficulty' | 'last_review' | 'scheduled_days' | 'buriedUntil'
> & { tasks?: readonly string[] }

/** A card as the browser lists it: the fields its columns, search and edit panel read. */
export type BrowseRow = Pick<
  CardRecord,
  | 'id'
  | 'deckId'
  | 'cardId'
  | 'reverse'
  | 'cloze'
  | 'ord'
  | 'question'
  | 'answer'
  | 'extra'
  | 'tags'
  | 'queue'
  | 'state'
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'scheduled_days'
  | 'reps'
  | 'lapses'
  | 'flag'
  | 'createdAt'
  | 'last_review'
>
