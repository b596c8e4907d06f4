import type { CardRecord, StudyOptions } from '@core/model'
import { afterGrade, pickNext, type NextStep, type TodayQueue } from '@core/scheduling/queue'
import type { AnswerCheck, QuestionResponse, ShownQuestion } from '@core/questions/question'
import type { GradeOutcome } from '@core/scheduling/scheduler'
import type { StudyDay } from '@core/time/study-day'
import { State, type Grade } from 'ts-fsrs'

/** A study session of one deck, as the study screen shows it; study-slice.ts runs it. */
export interface StudySession {
  deckId: string
  deckName: string
  day: StudyDay
  options: StudyOptions
  queue: TodayQueue
  /** The records of the cards in `queue`, kept current after each grade: the next card is shown from here. */
  cards: ReadonlyMap<string, CardRecord>
  /** The card answered last: it does not come straight back while another card could be shown. */
  lastAnsweredId?: string
  step: NextStep
  card?: CardRecord
  /** What each grade would do, computed when the card is shown. */
  outcomes?: Record<Grade, GradeOutcome>
  /** For the card of an exam-style question: the question as shown and the answer so far. */
  question?: StudyQuestion
  revealed: boolean
  shownAt: number
  saving: boolean
  error?: string
  /** A short confirmation of the last action ("Card buried until tomorrow. Ctrl+Z undoes."). */
  notice?: string
}

export interface StudyQuestion {
  shown: ShownQuestion
  response: QuestionResponse
  /** Once submitted: what was right, and the grade it earns (core/questions/grade.ts). */
  check?: AnswerCheck
  suggested?: Grade
}

export type SessionBase = Pick<StudySession, 'deckId' | 'deckName' | 'day' | 'options' | 'queue' | 'cards' | 'lastAnsweredId'>

/**
 * The card most likely shown after the one on screen: what the queue offers next once this card
 * has left it (as after Good on a review card). For work done ahead, never for scheduling.
 */
export function likelyNextCard(session: StudySession, now: number): CardRecord | undefined {
  const { card } = session
  if (!card) return undefined
  const queue = afterGrade(session.queue, card.id, { due: Infinity, state: State.Review }, card.ord, session.day.end)
  const step = pickNext(queue, now, session.options.studyOrder, [card.id])
  return step.kind === 'card' ? session.cards.get(step.id) : undefined
}
