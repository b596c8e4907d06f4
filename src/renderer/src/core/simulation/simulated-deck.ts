import { Queue, type StatsCard } from '@core/model'
import type { SimulatedCard, SimulatedDeck } from '@core/simulation/workload-simulation'
import { createStudyDayLookup, studyDayOf } from '@core/time/study-day'
import { DAY_MS } from '@shared/durations'
import { S_MIN, State } from 'ts-fsrs'

/** What the simulator reads of a card: its place and its memory state (the card columns give it). */
export type SimulationSourceCard = Pick<StatsCard, 'queue' | 'state' | 'due' | 'stability' | 'difficulty' | 'last_review' | 'buriedUntil'>

/**
 * A deck's cards as the simulator takes them, in study days from the one holding `now`: a studied
 * card keeps its stability and difficulty, the day of its last review and its due day (a buried
 * card is due when it returns, an overdue card today). Suspended cards and cards gone from their
 * deck file are left out, as no study brings them up; a studied card with no usable memory state
 * (never the case for cards graded in Recall) is counted as new.
 */
export function simulatedDeckOf(cards: Iterable<SimulationSourceCard>, now: number, dayStartsAtHour: number): SimulatedDeck {
  const today = studyDayOf(now, dayStartsAtHour).start
  const dayOf = createStudyDayLookup(dayStartsAtHour)
  // Days are 23–25 hours long; rounding absorbs the hour a daylight-saving change adds or takes.
  const daysFromToday = (at: number) => Math.round((dayOf(at).start - today) / DAY_MS)
  const studied: SimulatedCard[] = []
  let fresh = 0
  for (const card of cards) {
    if (card.queue === Queue.Suspended || card.queue === Queue.Removed) continue
    const usable = card.state !== State.New && card.last_review !== undefined && card.stability >= S_MIN && card.difficulty > 0
    if (!usable) {
      fresh++
      continue
    }
    const due = card.queue === Queue.Buried && card.buriedUntil !== undefined ? Math.max(card.due, card.buriedUntil) : card.due
    studied.push({
      stability: card.stability,
      difficulty: Math.min(10, Math.max(1, card.difficulty)),
      lastDay: Math.min(0, daysFromToday(card.last_review!)),
      dueDay: Math.max(0, daysFromToday(due))
    })
  }
  return { studied, fresh }
}
