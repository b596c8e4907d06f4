import type { CardFigures, StatsScope } from '@core/stats/snapshot'
import type { RecallDatabase } from '@db/database'

/**
 * The statistics' card charts (one pass over every card's columns, `loadCardFigures`) counted in
 * a worker (stats-worker.ts), so that the page stays free to read the review figures and paint
 * while they are counted; on the calling thread where there are no workers (the unit tests), or
 * when the worker cannot run or fails. The worker is started with the first request and kept for
 * the next openings (it holds a connection, never the cards).
 */

/** What the page asks the worker: the figures of a scope, or only to open its connection ahead of a count. */
export type StatsWorkerCall = CardFiguresCall | { kind: 'open'; dbName: string }

/** A count of the card figures. */
export interface CardFiguresCall {
  kind: 'count'
  id: number
  dbName: string
  scope: StatsScope
  now: number
  dayStartsAtHour: number
}

/** The worker's answer to call `id`. */
export type CardFiguresReply = { id: number; figures: CardFigures; error?: undefined } | { id: number; error: string }

interface Waiting {
  resolve: (figures: CardFigures) => void
  reject: (error: Error) => void
}

let worker: Worker | undefined
/** Once the worker itself has failed (it cannot load or run here), the page counts for the rest of the session. */
let broken = false
let lastId = 0
const pending = new Map<number, Waiting>()

function stopWorker(reason: Error): void {
  worker?.terminate()
  worker = undefined
  for (const { reject } of pending.values()) reject(reason)
  pending.clear()
}

function startedWorker(): Worker {
  if (worker) return worker
  const started = new Worker(new URL('../workers/stats-worker.ts', import.meta.url), { type: 'module', name: 'stats' })
  started.onmessage = (event: MessageEvent<CardFiguresReply>) => {
    const reply = event.data
    const waiting = pending.get(reply.id)
    pending.delete(reply.id)
    if (reply.error !== undefined) waiting?.reject(new Error(reply.error))
    else waiting?.resolve(reply.figures)
  }
  started.onerror = (event) => {
    event.preventDefault()
    broken = true
    stopWorker(new Error(event.message || 'the statistics worker stopped'))
  }
  return (worker = started)
}

/** Whether the figures are counted off the page (otherwise `countCardFigures` holds this thread while it counts). */
export const countsOffThePage = (): boolean => typeof Worker !== 'undefined' && !broken

/**
 * Starts the worker ahead of a request (its script is fetched and its modules run meanwhile); with
 * `db`, it also opens its connection to that collection, so that a later count waits for neither.
 */
export function warmCardFigures(db?: RecallDatabase): void {
  if (!countsOffThePage()) return
  const target = startedWorker()
  if (db) target.postMessage({ kind: 'open', dbName: db.name } satisfies StatsWorkerCall)
}

function inWorker(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<CardFigures> {
  const target = startedWorker()
  return new Promise<CardFigures>((resolve, reject) => {
    const id = ++lastId
    pending.set(id, { resolve, reject })
    const call: StatsWorkerCall = { kind: 'count', id, dbName: db.name, scope, now, dayStartsAtHour }
    target.postMessage(call)
  })
}

/** The card charts' figures of `scope` at `now`: in the worker, or on this thread if it cannot. */
export async function countCardFigures(db: RecallDatabase, scope: StatsScope, now: number, dayStartsAtHour: number): Promise<CardFigures> {
  const inThread = async () => (await import('@db/stats-repository')).loadCardFigures(db, scope, now, dayStartsAtHour)
  if (!countsOffThePage()) return inThread()
  try {
    return await inWorker(db, scope, now, dayStartsAtHour)
  } catch {
    // A worker that cannot load or open the collection here: the page counts them itself.
    return inThread()
  }
}
