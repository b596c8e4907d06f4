import { simulateDeck, type DeckSimulation, type ExamDeckColumns } from '@core/exam-plan/decks-forecast'
import { withCards } from '@db/exam-plan-repository'

/**
 * What the exam forecast's simulation is asked for: the exam's decks as the page read them (their
 * card columns copied to the worker, typed arrays, rather than read there a second time) and the
 * exam's date, at `now`.
 */
export interface ExamSimulationRequest {
  decks: readonly ExamDeckColumns[]
  examDate: number
  now: number
  dayStartsAtHour: number
}

/**
 * The exam forecast's costly half, "if you keep studying as scheduled" (decks-forecast.ts), for
 * each deck of the request, in its order: in the worker, or on the page where it cannot run.
 */
export function simulateDecks(request: ExamSimulationRequest): DeckSimulation[] {
  const { now, examDate, dayStartsAtHour, decks } = request
  // The target only counts cards in the figures painted at once, never in the simulation.
  return decks.map((deck) => simulateDeck(withCards(deck), { now, examDate, dayStartsAtHour, targetRecall: 0 }))
}
