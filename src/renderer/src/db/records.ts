import type { SchedulingState, StoredReviewLog } from '@core/card-state'
import type { DeckOrigin } from '@shared/ipc'
import type { StudyOptions } from '@core/study-options'

export interface DeckRecord {
  id: string
  name: string
  description?: string
  origin: DeckOrigin
  file: string
  /** Hash of the deck's content when it was last merged, so an unchanged deck is not merged again. */
  contentHash: string
  cardCount: number
  updatedAt: number
  /** The study-options preset the deck uses; absent means the default preset. */
  presetId?: string
}

export interface PresetRecord {
  id: string
  name: string
  options: StudyOptions
}

/** Collection-wide settings, one row per key. */
export interface Settings {
  dayStartsAtHour: number
  /** Colours: follow the system's light/dark setting, or always one of them. */
  theme: ThemePreference
  /** Set once the first-run welcome is closed, so it never shows again. */
  welcomeSeen: boolean
  /** The daily "cards are due" notification: off until the person turns it on. */
  reminderEnabled: boolean
  /** Local time of the reminder, "HH:MM". */
  reminderTime: string
}

export type ThemePreference = 'system' | 'light' | 'dark'

export interface SettingRecord<K extends keyof Settings = keyof Settings> {
  key: K
  value: Settings[K]
}

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
  /** Position in the deck: forward cards first, in file order, then the reversed ones. */
  ord: number
  question: string
  answer: string
  extra?: string
  tags: string[]
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

export interface ReviewRecord extends StoredReviewLog {
  id?: number
  cardKey: string
  deckId: string
  /** Milliseconds from showing the question to the grade. */
  duration: number
  /** For Manual rows (rating 0): what the user did to the card. */
  manual?: 'reset' | 'reschedule'
}

/** The list an active card belongs in, from its FSRS state (ts-fsrs State: 0 new, 1/3 learning, 2 review). */
export function queueForState(state: number): QueueValue {
  if (state === 0) return Queue.New
  if (state === 2) return Queue.Review
  return Queue.Learning
}

/** An exam the user is revising for: its date, its decks, and whether exam mode shapes scheduling. */
export interface ExamRecord {
  id: string
  name: string
  /** Any moment of the exam day (local); the study day containing it is the exam day. */
  date: number
  deckIds: string[]
  /** Cap intervals so every card is seen again in the final week before the exam. */
  examMode: boolean
  /** Recall to aim for on exam day (0–1), for the optional final pass. */
  targetRecall: number
}

export type { ExamResultRecord as SimulationRecord } from '@core/practice/exam-score'

/**
 * One deck's study on one study day, as the review charts count it (a derived table, rebuilt from
 * the review log when missing; see review-days.ts). Manual rows (resets, reschedules) are not counted.
 */
export interface ReviewDayRecord {
  deckId: string
  /** First millisecond of the study day, under the rule in the `reviewDays` bookkeeping row. */
  day: number
  /** Grades given. */
  grades: number
  /** Distinct cards graded (today's figures need it, and a card is in one deck). */
  cards: number
  /** Sum of the grades' durations, ms. */
  timeMs: number
  /** True retention: each card's first review-state grade of the day. */
  youngPassed: number
  youngFailed: number
  maturePassed: number
  matureFailed: number
  /** Answer buttons: Again, Hard, Good, Easy presses for learning, young and mature cards. */
  learning: [number, number, number, number]
  young: [number, number, number, number]
  mature: [number, number, number, number]
}

/**
 * The scheduling fields of every card of one deck, as typed columns (a derived table; see
 * card-columns.ts). Reading 100,000 cards as objects costs over a second; as columns, a few ms.
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
}
