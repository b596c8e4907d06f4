import { rebuildFromLog } from '@core/maintenance/check-rules'
import { type CardRecord, DEFAULT_STUDY_OPTIONS, type ReviewRecord, SCHEDULING_FIELDS, type SchedulingState } from '@core/model'
import { createScheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { Page } from 'playwright-core'
import { State } from 'ts-fsrs'

export interface StoredCollection {
  cards: CardRecord[]
  reviews: ReviewRecord[]
}

/** Every card and review-log row, read straight from IndexedDB without going through the app. */
export function readCollection(page: Page): Promise<StoredCollection> {
  return page.evaluate(
    () =>
      new Promise<StoredCollection>((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['cards', 'reviews'])
          const cards = tx.objectStore('cards').getAll()
          const reviews = tx.objectStore('reviews').getAll()
          tx.oncomplete = () => {
            db.close()
            resolve({ cards: cards.result, reviews: reviews.result })
          }
          tx.onerror = () => reject(tx.error)
        }
      })
  )
}

/**
 * What is wrong, card by card: a card whose state is not what replaying its own log through
 * ts-fsrs gives (built-in decks use the default preset), or two log rows for one grade.
 */
export function inconsistencies({ cards, reviews }: StoredCollection): string[] {
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
  const problems: string[] = []
  const byCard = new Map<string, ReviewRecord[]>()
  for (const r of reviews) (byCard.get(r.cardKey) ?? byCard.set(r.cardKey, []).get(r.cardKey)!).push(r)
  for (const card of cards) {
    const log = byCard.get(card.id) ?? []
    const times = log.map((r) => r.review)
    if (new Set(times).size !== times.length) problems.push(`${card.id}: two log rows for one grade`)
    if (log.length === 0) {
      if (card.reps !== 0 || card.state !== 0) problems.push(`${card.id}: studied (reps ${card.reps}) but has no log`)
      continue
    }
    const replayed: SchedulingState = rebuildFromLog(scheduler, log, 0)
    // The load balancer chooses a review's day from the loads of the day it was graded, which the
    // log does not hold: a review card's day is checked against its own interval instead.
    const balanced = card.state === State.Review && replayed.state === State.Review
    const differs = SCHEDULING_FIELDS.filter((f) => !(balanced && (f === 'due' || f === 'scheduled_days')) && card[f] !== replayed[f])
    if (balanced && card.last_review !== undefined) {
      const clock = scheduler.clock
      const days = clock.dayNumber(card.due) - clock.dayNumber(card.last_review)
      if (days !== card.scheduled_days)
        problems.push(`${card.id}: due ${days} study days after its review, interval ${card.scheduled_days}`)
    }
    if (differs.length) problems.push(`${card.id}: ${differs.map((f) => `${f} is ${card[f]}, its log gives ${replayed[f]}`).join('; ')}`)
  }
  return problems
}

/** The log as (question, rating) pairs, so grades seen on screen can be found in it. */
export function gradesByQuestion({ cards, reviews }: StoredCollection): string[] {
  const question = new Map(cards.map((c) => [c.id, c.question]))
  return reviews.map((r) => gradeKey(question.get(r.cardKey) ?? `?${r.cardKey}`, r.rating))
}

export const gradeKey = (question: string, rating: number) => `${rating}|${question}`
