import type { ExamDeckColumns, ExamDeckInput } from '@core/exam-plan/decks-forecast'
import { examModeWindow } from '@core/exam-plan/exam-mode'
import type { ExamModeSession } from '@core/exam-plan/scheduling'
import { Queue, type DeckRecord, type ExamPlan } from '@core/model'
import { studyDayOf, type StudyDay } from '@core/time/study-day'
import { cardsOfColumns, readCardColumns } from '@db/card-columns'
import type { RecallDatabase } from '@db/database'
import { getSettings, optionsOfDecks } from '@db/options-repository'
import Dexie from 'dexie'
import { studiedTodayByDeck } from '@db/study-repository'

/** Soonest first. A handful of rows: the table is read whole. */
export async function listExamPlans(db: RecallDatabase): Promise<ExamPlan[]> {
  const exams = await db.exams.toArray()
  return exams.sort((a, b) => a.date - b.date || a.name.localeCompare(b.name))
}

export async function putExamPlan(db: RecallDatabase, exam: ExamPlan): Promise<void> {
  await db.exams.put(exam)
}

export async function removeExamPlan(db: RecallDatabase, id: string): Promise<void> {
  await db.exams.delete(id)
}

/** One of the exam's decks as stored: its card columns row (whose `builtFrom` changes with its cards), options and today's study. */
export type { ExamDeckColumns }

/**
 * What the forecast needs of each of the exam's decks. The simulation walks the cards' states
 * day by day, so the exam's cards are in memory: their scheduling state from the card columns
 * (card-columns.ts), in key order as the `deckId` index gives them, never their text or the
 * review log; what each studied today from the deck list's counter. Decks that no longer exist
 * are skipped.
 */
export async function loadExamDecks(db: RecallDatabase, exam: ExamPlan, now: number, dayStartsAtHour: number): Promise<ExamDeckInput[]> {
  return (await withColumns(db, await readExamDeckHeads(db, exam, now, dayStartsAtHour))).map(withCards)
}

/** The deck with its cards made from its columns. */
export const withCards = ({ columns, ...deck }: ExamDeckColumns): ExamDeckInput => ({ ...deck, cards: cardsOfColumns(columns) })

/** One of the exam's decks without its cards: what the forecast needs of it but them. */
export type ExamDeckHead = Omit<ExamDeckInput, 'cards'>

/** The exam's decks, their options and today's study, without their cards (a few small rows). Decks that no longer exist are skipped. */
export async function readExamDeckHeads(
  db: RecallDatabase,
  exam: { deckIds: readonly string[] },
  now: number,
  dayStartsAtHour: number
): Promise<ExamDeckHead[]> {
  const day = studyDayOf(now, dayStartsAtHour)
  const decks = (await db.decks.bulkGet([...exam.deckIds])).filter((deck): deck is DeckRecord => deck !== undefined)
  const deckIds = decks.map((deck) => deck.id)
  const [studied, options] = await Promise.all([studiedTodayByDeck(db, deckIds, day), optionsOfDecks(db, decks)])
  return decks.map((deck) => ({
    deckId: deck.id,
    deckName: deck.name,
    options: options.get(deck.id)!,
    studiedToday: studied.get(deck.id)!
  }))
}

/** The decks with their card columns, current (card-columns.ts). */
export async function withColumns(db: RecallDatabase, decks: readonly ExamDeckHead[]): Promise<ExamDeckColumns[]> {
  const columns = await readCardColumns(
    db,
    decks.map((deck) => deck.deckId)
  )
  return decks.map((deck, i) => ({ ...deck, columns: columns[i]! }))
}

/**
 * For each deck, whether its cards are still those of card columns read when no card of the deck
 * had been written at or after `since`, holding `count` cards: none written since (a write stamps
 * the card's `mod`, card-columns.ts), none deleted (the count). Index lookups only, in one readonly transaction: a cache of what was
 * computed from those columns can be used without reading them again. A card edited since
 * without its columns changing (its text) also counts as written: a miss, never a stale answer.
 */
export async function cardsUnchangedSince(
  db: RecallDatabase,
  decks: ReadonlyArray<{ deckId: string; since: number; count: number }>
): Promise<boolean[]> {
  if (decks.length === 0) return []
  return db.transaction('r', db.cards, () =>
    Promise.all(
      decks.map(async ({ deckId, since, count }) => {
        const [written, cards] = await Promise.all([
          db.cards.where('[deckId+mod]').between([deckId, since], [deckId, Dexie.maxKey], true, true).limit(1).primaryKeys(),
          db.cards.where('deckId').equals(deckId).count()
        ])
        return written.length === 0 && cards === count
      })
    )
  )
}

/** Cards of `deckIds` in the learning or review queue due on each of `days`, counted on the index. */
export async function countDueOnDays(db: RecallDatabase, deckIds: readonly string[], days: readonly StudyDay[]): Promise<number[]> {
  return db.transaction('r', db.cards, () =>
    Promise.all(
      days.map(async (day) => {
        let count = 0
        for (const deckId of deckIds) {
          for (const queue of [Queue.Learning, Queue.Review]) {
            count += await db.cards
              .where('[deckId+queue+due]')
              .between([deckId, queue, day.start], [deckId, queue, day.end], true, false)
              .count()
          }
        }
        return count
      })
    )
  )
}

/**
 * The exam-mode context for studying `deckId`: the soonest exam not yet past that covers the deck
 * and has exam mode on, with the current loads of its final window. Null means plain FSRS.
 */
export async function loadExamMode(
  db: RecallDatabase,
  deckId: string,
  now: number,
  dayStartsAtHour?: number
): Promise<ExamModeSession | null> {
  const hour = dayStartsAtHour ?? (await getSettings(db)).dayStartsAtHour
  const today = studyDayOf(now, hour).start
  const exam = (await listExamPlans(db)).find((e) => e.examMode && e.deckIds.includes(deckId) && studyDayOf(e.date, hour).start >= today)
  if (!exam) return null
  const window = examModeWindow(now, exam.date, hour).days
  return {
    examId: exam.id,
    examDate: exam.date,
    dayStartsAtHour: hour,
    window,
    windowLoad: await countDueOnDays(db, exam.deckIds, window)
  }
}
