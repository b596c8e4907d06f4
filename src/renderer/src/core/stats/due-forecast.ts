import { Queue, type CardRecord } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { dayIndexOf, type StudyDay, studyDaysAhead } from '@core/time/study-day'
import { State } from 'ts-fsrs'

export type ForecastCard = Pick<CardRecord, 'queue' | 'state' | 'due' | 'scheduled_days' | 'buriedUntil'>

export interface DueCounts {
  days: StudyDay[]
  /** Cards due on each day; index 0 is today and includes the overdue ones. */
  counts: number[]
  overdue: number
  /** Due after the last day of the period. */
  later: number
  /** Anki's daily load: Σ 1 / interval over studied cards, the reviews a day costs in the long run. */
  dailyLoad: number
}

const isScheduled = (card: ForecastCard) =>
  card.state !== State.New && card.queue !== Queue.New && card.queue !== Queue.Suspended && card.queue !== Queue.Removed

/**
 * Cards due in the next `days` study days (30 or 90). Feed it the cards of the deck (index
 * `[deckId+queue+due]` for the Learning, Review and Buried queues) or of the collection.
 */
export function createDueForecastAccumulator(params: {
  now: number
  dayStartsAtHour: number
  days: number
}): Accumulator<ForecastCard, DueCounts> {
  const days = studyDaysAhead(params.now, params.days, params.dayStartsAtHour)
  const today = days[0]!
  const periodEnd = days[days.length - 1]!.end
  const gathered: DueCounts = { days, counts: days.map(() => 0), overdue: 0, later: 0, dailyLoad: 0 }
  return {
    add(card) {
      if (!isScheduled(card)) return
      gathered.dailyLoad += 1 / Math.max(1, card.scheduled_days)
      // A buried card comes back when it is unburied, even if it was due earlier.
      const due = card.queue === Queue.Buried && card.buriedUntil !== undefined ? Math.max(card.due, card.buriedUntil) : card.due
      if (due >= periodEnd) {
        gathered.later++
        return
      }
      if (due < today.start) gathered.overdue++
      gathered.counts[Math.max(0, dayIndexOf(days, due))]!++
    },
    result: () => gathered
  }
}

interface ForecastDay {
  start: number
  count: number
  /** Cards due on this day or before it in the period. */
  cumulative: number
}

export interface DueForecast {
  days: ForecastDay[]
  total: number
  overdue: number
  later: number
  /** Mean cards due per day over the period. */
  meanPerDay: number
  dailyLoad: number
}

export function buildDueForecast(gathered: DueCounts): DueForecast {
  let cumulative = 0
  const days = gathered.days.map((day, i) => {
    const count = gathered.counts[i]!
    cumulative += count
    return { start: day.start, count, cumulative }
  })
  return {
    days,
    total: cumulative,
    overdue: gathered.overdue,
    later: gathered.later,
    meanPerDay: days.length > 0 ? cumulative / days.length : 0,
    dailyLoad: gathered.dailyLoad
  }
}
