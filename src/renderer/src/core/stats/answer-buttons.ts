import type { ReviewRecord } from '@core/model'
import { MATURE_INTERVAL_DAYS } from '@core/stats/true-retention'
import { State } from 'ts-fsrs'

export type ButtonReview = Pick<ReviewRecord, 'review' | 'rating' | 'state' | 'scheduled_days'>

export const BUTTON_GROUPS = ['learning', 'young', 'mature'] as const
export type ButtonGroup = (typeof BUTTON_GROUPS)[number]

/** Presses of Again, Hard, Good, Easy (index rating − 1). */
type ButtonCounts = [number, number, number, number]

export type AnswerButtons = Record<ButtonGroup, ButtonCounts>

/** The log's state is the card's state before the grade: new and (re)learning cards are learning. */
export function buttonGroupOf(log: Pick<ReviewRecord, 'state' | 'scheduled_days'>): ButtonGroup {
  if (log.state !== State.Review) return 'learning'
  return log.scheduled_days >= MATURE_INTERVAL_DAYS ? 'mature' : 'young'
}

export interface ButtonGroupSeries {
  group: ButtonGroup
  counts: ButtonCounts
  total: number
  /** Share of grades above Again, or null with none. */
  correct: number | null
}

export function buildAnswerButtons(gathered: AnswerButtons): ButtonGroupSeries[] {
  return BUTTON_GROUPS.map((group) => {
    const counts = gathered[group]
    const total = counts[0] + counts[1] + counts[2] + counts[3]
    return { group, counts, total, correct: total > 0 ? (total - counts[0]) / total : null }
  })
}
