import type { RecallDatabase } from '@db/database'
import type { ExamSimulationRequest, ExamSimulationResult } from '@store/exam-plan-simulation'

/**
 * The exam forecast's simulation ("if you keep studying as scheduled", about nine tenths of the
 * forecast's time) in a worker (exam-forecast-worker.ts), so that the page paints the exam plan
 * and its other figures at once and stays free meanwhile; on the calling thread where there are
 * no workers (the unit tests), or when the worker cannot run or fails. The worker is started
 * with the first request and kept, with its cache of each deck's simulation, for the next openings.
 */

/** A simulation asked of the worker. */
export interface ExamForecastCall {
  id: number
  dbName: string
  request: ExamSimulationRequest
}

/** The worker's answer to call `id`. */
export type ExamForecastReply = ({ id: number; error?: undefined } & ExamSimulationResult) | { id: number; error: string }

interface Waiting {
  resolve: (result: ExamSimulationResult) => void
  reject: (error: Error) => void
}

let worker: Worker | undefined
/** Once the worker itself has failed (it cannot load or run here), the page simulates for the rest of the session. */
let broken = false
let lastId = 0
const pending = new Map<number, Waiting>()
/** The page's own simulator, when it must simulate itself (its cache kept as the worker's). */
let inThread: Promise<(db: RecallDatabase, request: ExamSimulationRequest) => Promise<ExamSimulationResult>> | undefined

function stopWorker(reason: Error): void {
  worker?.terminate()
  worker = undefined
  for (const { reject } of pending.values()) reject(reason)
  pending.clear()
}

function startedWorker(): Worker {
  if (worker) return worker
  const started = new Worker(new URL('../workers/exam-forecast-worker.ts', import.meta.url), { type: 'module', name: 'exam-forecast' })
  started.onmessage = (event: MessageEvent<ExamForecastReply>) => {
    const reply = event.data
    const waiting = pending.get(reply.id)
    pending.delete(reply.id)
    if (reply.error !== undefined) waiting?.reject(new Error(reply.error))
    else waiting?.resolve({ simulation: reply.simulation, computed: reply.computed })
  }
  started.onerror = (event) => {
    event.preventDefault()
    broken = true
    stopWorker(new Error(event.message || 'the exam forecast worker stopped'))
  }
  return (worker = started)
}

function inWorker(db: RecallDatabase, request: ExamSimulationRequest): Promise<ExamSimulationResult> {
  const target = startedWorker()
  return new Promise<ExamSimulationResult>((resolve, reject) => {
    const id = ++lastId
    pending.set(id, { resolve, reject })
    target.postMessage({ id, dbName: db.name, request } satisfies ExamForecastCall)
  })
}

async function onThisThread(db: RecallDatabase, request: ExamSimulationRequest): Promise<ExamSimulationResult> {
  inThread ??= import('@store/exam-plan-simulation').then((code) => code.createExamSimulator())
  return (await inThread)(db, request)
}

/** The exam's simulated figures at `request.now`: in the worker, or on this thread if it cannot. */
export async function simulateExam(db: RecallDatabase, request: ExamSimulationRequest): Promise<ExamSimulationResult> {
  if (typeof Worker === 'undefined' || broken) return onThisThread(db, request)
  try {
    return await inWorker(db, request)
  } catch {
    // A worker that cannot load or open the collection here: the page simulates itself.
    return onThisThread(db, request)
  }
}
