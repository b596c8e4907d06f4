import { DEFAULT_STUDY_OPTIONS, type CardRecord } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { recordReview } from '@db/study-repository'
import type { Grade } from 'ts-fsrs'

export const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

/** A grade through the app's own write, at `at`. */
export async function grade(db: RecallDatabase, key: string, rating: Grade, at: number) {
  const card = (await db.cards.get(key))!
  return recordReview(db, card, previewGrades(scheduler, card, Math.max(at, card.last_review ?? 0))[rating], 4_000)
}

/** What a person sees of a collection: decks, notes, each card's text and schedule, and the history. */
export async function collectionOf(db: RecallDatabase) {
  const cards = (await db.cards.orderBy('id').toArray()).map((card: CardRecord) => {
    // A new card's due time is when it was made here; new cards are studied in deck order (`ord`).
    const { mod: _mod, createdAt: _created, due, ...seen } = card
    return card.reps === 0 ? seen : { ...seen, due }
  })
  const notes = (await db.notes.orderBy('id').toArray()).map(({ createdAt: _created, ...note }) => note)
  const decks = (await db.decks.orderBy('id').toArray()).map(({ id, name, presetId }) => ({ id, name, presetId }))
  const reviews = (await db.reviews.toArray()).map((r) => `${r.cardKey} ${r.review} ${r.rating} ${r.manual ?? ''}`).sort()
  return { decks, notes, cards, reviews }
}
