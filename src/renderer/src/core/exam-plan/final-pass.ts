import { Queue, type CardRecord } from '@core/model'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayOf, type StudyDay } from '@core/time/study-day'
import { default_w, State } from 'ts-fsrs'

export type FinalPassCard = Pick<CardRecord, 'id' | 'queue' | 'state' | 'due' | 'stability' | 'last_review'>

export interface FinalPassCandidate {
  id: string
  /** Recall probability at the exam if the card is not reviewed before it. */
  retrievability: number
  stability: number
}

/**
 * Studied cards that would go into the exam below `target` recall and that no review before the
 * exam will refresh (their due is on or after exam day). New and suspended cards are not
 * candidates: a final pass revises, it does not teach. Weakest first.
 */
export function finalPassCandidates(
  cards: Iterable<FinalPassCard>,
  examDate: number,
  target: number,
  params: { dayStartsAtHour: number; w?: readonly number[] }
): FinalPassCandidate[] {
  const examDayStart = studyDayOf(examDate, params.dayStartsAtHour).start
  const w = params.w ?? default_w
  const candidates: FinalPassCandidate[] = []
  for (const card of cards) {
    if (!mayNeedFinalPass(card, examDayStart)) continue
    const r = retrievabilityAt(card, examDate, w)
    if (r < target) candidates.push({ id: card.id, retrievability: r, stability: card.stability })
  }
  return candidates.sort((a, b) => a.retrievability - b.retrievability || a.id.localeCompare(b.id))
}

/** A studied card, not suspended, that no review before exam day (starting `examDayStart`) will refresh. */
export function mayNeedFinalPass(card: FinalPassCard, examDayStart: number): boolean {
  return card.state !== State.New && card.queue !== Queue.Suspended && card.queue !== Queue.Removed && card.due >= examDayStart
}

export interface FinalPassAssignment {
  id: string
  /** Index into the `days` given to `spreadFinalPass`. */
  dayIndex: number
  /** The new due: the start of that study day. */
  due: number
}

/**
 * Spreads the final pass over `days` (the study days before the exam chosen for it): the counts per
 * day differ by one at most, so none exceeds ⌈candidates / days⌉. The most stable cards go first,
 * as they forget least by exam day; the weakest are reviewed last, closest to the exam.
 */
export function spreadFinalPass(candidates: readonly FinalPassCandidate[], days: readonly StudyDay[]): FinalPassAssignment[] {
  if (days.length === 0) return []
  const ordered = [...candidates].sort((a, b) => b.stability - a.stability || a.id.localeCompare(b.id))
  return ordered.map((candidate, j) => {
    const dayIndex = Math.floor((j * days.length) / ordered.length)
    return { id: candidate.id, dayIndex, due: days[dayIndex]!.start }
  })
}
