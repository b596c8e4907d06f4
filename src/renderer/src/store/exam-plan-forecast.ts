import type { RecallDatabase } from '@db/database'
import type { ExamSimulationRequest, ExamSimulationResult } from '@store/exam-plan-simulation'
import { workerCalls } from '@store/worker-calls'

/**
 * The exam forecast's simulation ("if you keep studying as scheduled", about nine tenths of the
 * forecast's time) in a worker (exam-forecast-worker.ts), so that the page paints the exam plan
 * and its other figures at once and stays free meanwhile; on the calling thread where there are
 * no workers (the unit tests), or when the worker cannot run or fails. The worker is started
 * with the first request and kept, with its cache of each deck's simulation, for the next openings.
 */

/** A simulation asked of the worker. */
export interface ExamForecastCall {
  dbName: string
  request: ExamSimulationRequest
}

const worker = workerCalls<ExamForecastCall, ExamSimulationResult>(
  () => new Worker(new URL('../workers/exam-forecast-worker.ts', import.meta.url), { type: 'module', name: 'exam-forecast' }),
  'the exam forecast worker'
)

/** The page's own simulator, when it must simulate itself (with a cache as the worker's). */
let onThisThread: Promise<(dbName: string, request: ExamSimulationRequest) => ExamSimulationResult> | undefined

async function inThread(db: RecallDatabase, request: ExamSimulationRequest): Promise<ExamSimulationResult> {
  onThisThread ??= import('@store/exam-plan-simulation').then((code) => code.createExamSimulator())
  return (await onThisThread)(db.name, request)
}

/** The exam's simulated figures at `request.now`: in the worker, or on this thread if it cannot. */
export async function simulateExam(db: RecallDatabase, request: ExamSimulationRequest): Promise<ExamSimulationResult> {
  if (!worker.offThePage()) return inThread(db, request)
  try {
    return await worker.call({ dbName: db.name, request })
  } catch {
    // A worker that cannot load or run here: the page simulates itself.
    return inThread(db, request)
  }
}

/** Starts the forecast's worker when the exam plan is about to open (the button pointed at or focused). */
export function warmExamForecast(): void {
  worker.warm()
}
