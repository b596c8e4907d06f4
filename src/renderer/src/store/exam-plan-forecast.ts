import type { DeckSimulation, ExamDecksSimulation } from '@core/exam-plan/decks-forecast'
import type { RecallDatabase } from '@db/database'
import type { ExamSimulationRequest } from '@store/exam-plan-simulation'
import { createSimulationCache, SIMULATION_CACHE_NAME, simulationKey, slotOf } from '@store/exam-simulation-cache'
import { workerCalls } from '@store/worker-calls'

/**
 * The exam forecast's simulation ("if you keep studying as scheduled", about nine tenths of the
 * forecast's time) in a worker (exam-forecast-worker.ts), so that the page paints the exam plan
 * and its other figures at once and stays free meanwhile; on the calling thread where there are
 * no workers (the unit tests), or when the worker cannot run or fails. Each deck's simulation is
 * kept (exam-simulation-cache.ts, across page loads): only the decks changed since are simulated,
 * and when none is, the worker is not asked at all. The worker is started with the first request
 * (or when the exam plan is about to open) and kept for the next ones.
 */

/** The simulation of an exam's decks, and which of them were simulated again (the others were kept). */
export interface ExamSimulationResult {
  simulation: ExamDecksSimulation
  computed: string[]
}

const worker = workerCalls<ExamSimulationRequest, DeckSimulation[]>(
  () => new Worker(new URL('../workers/exam-forecast-worker.ts', import.meta.url), { type: 'module', name: 'exam-forecast' }),
  'the exam forecast worker'
)

const cache = createSimulationCache(SIMULATION_CACHE_NAME)

/** The page's own simulation, when it must simulate itself. */
async function inThread(request: ExamSimulationRequest): Promise<DeckSimulation[]> {
  const { simulateDecks } = await import('@store/exam-plan-simulation')
  return simulateDecks(request)
}

async function simulated(request: ExamSimulationRequest): Promise<DeckSimulation[]> {
  if (!worker.offThePage()) return inThread(request)
  try {
    return await worker.call(request)
  } catch {
    // A worker that cannot load or run here: the page simulates itself.
    return inThread(request)
  }
}

/** The exam's simulated figures at `request.now`: kept ones, and the rest in the worker (or on this thread if it cannot). */
export async function simulateExam(db: RecallDatabase, request: ExamSimulationRequest, appVersion?: string): Promise<ExamSimulationResult> {
  const wanted = request.decks.map((deck) => ({ slot: slotOf(db.name, deck.deckId), key: simulationKey(deck, request, appVersion) }))
  const kept = await cache.find(wanted)
  const missing = request.decks.flatMap((deck, i) => (kept[i] ? [] : [{ deck, i }]))
  if (missing.length > 0) {
    const fresh = await simulated({ ...request, decks: missing.map(({ deck }) => deck) })
    missing.forEach(({ i }, j) => (kept[i] = fresh[j]!))
    void cache.keep(missing.map(({ i }, j) => ({ ...wanted[i]!, simulation: fresh[j]! })))
  }
  const { combineSimulations } = await import('@core/exam-plan/decks-forecast')
  return { simulation: combineSimulations(kept as DeckSimulation[]), computed: missing.map(({ deck }) => deck.deckId) }
}

/** Starts the forecast's worker and opens its cache when the exam plan is about to open (the button pointed at or focused). */
export function warmExamForecast(): void {
  worker.warm()
  cache.open()
}
