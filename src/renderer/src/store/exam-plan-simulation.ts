import { combineSimulations, simulateDeck, type DeckSimulation, type ExamDecksSimulation } from '@core/exam-plan/decks-forecast'
import { studyDayOf } from '@core/time/study-day'
import { withCards, type ExamDeckColumns } from '@db/exam-plan-repository'

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

/** The simulation of an exam's decks, and which of them were simulated again (the others came from the cache). */
export interface ExamSimulationResult {
  simulation: ExamDecksSimulation
  computed: string[]
}

/**
 * What a deck's simulation depends on: its cards (the columns row is written anew, with a later
 * `builtFrom`, whenever one of its cards changes), its options, what it studied today, the study
 * day, the exam's date and the hour days start. Within one study day a reopening reuses the
 * simulation of an earlier time of day (its sessions were placed at that time of day).
 */
function keyOf(deck: ExamDeckColumns, request: ExamSimulationRequest): string {
  const day = studyDayOf(request.now, request.dayStartsAtHour).start
  const { columns, options, studiedToday } = deck
  return JSON.stringify([
    columns.builtFrom,
    columns.ids.length,
    options,
    studiedToday ?? null,
    day,
    request.examDate,
    request.dayStartsAtHour
  ])
}

/**
 * The exam forecast's costly half, "if you keep studying as scheduled" (decks-forecast.ts), with a
 * cache of each deck's simulation by what it depends on: a grade changes one deck's columns and
 * counters, so a reopening simulates that deck again and reads the others. One entry per deck
 * and collection, so the cache holds no more than the decks' latest simulations.
 */
export function createExamSimulator(): (dbName: string, request: ExamSimulationRequest) => ExamSimulationResult {
  const cache = new Map<string, { key: string; simulation: DeckSimulation }>()
  return (dbName, request) => {
    const { now, examDate, dayStartsAtHour, decks } = request
    const computed: string[] = []
    const simulations = decks.map((deck) => {
      const slot = `${dbName}\u0000${deck.deckId}`
      const key = keyOf(deck, request)
      const cached = cache.get(slot)
      if (cached?.key === key) return cached.simulation
      computed.push(deck.deckId)
      // The target only counts cards in the figures painted at once, never in the simulation.
      const simulation = simulateDeck(withCards(deck), { now, examDate, dayStartsAtHour, targetRecall: 0 })
      cache.set(slot, { key, simulation })
      return simulation
    })
    return { simulation: combineSimulations(simulations), computed }
  }
}
