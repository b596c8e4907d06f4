/**
 * Calls from the page to a module worker, each answered by one reply that carries the call's
 * number (the worker side is workers/answer-calls.ts). The worker is started at the first call
 * and kept for the next ones; if it cannot load or run, every waiting call is refused and
 * `offThePage` turns false for the rest of the session, so the caller does the work itself.
 */

/** What the page posts: the call's number and what is asked. */
export interface WorkerCall<Body> {
  id: number
  body: Body
}

/** What the worker posts back for call `id`: its result, or why there is none. */
export type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: string }

export interface WorkerCalls<Body, Result> {
  /** Whether calls can go to the worker (there are workers here, and it has not failed). */
  offThePage(): boolean
  /** Asks the worker; rejected with the worker's error, or when it stops. */
  call(body: Body): Promise<Result>
  /** Starts the worker ahead of a call (its script fetched and run meanwhile), where calls go off the page. */
  warm(): void
}

export function workerCalls<Body, Result>(start: () => Worker, what: string): WorkerCalls<Body, Result> {
  let running: Worker | undefined
  let failed = false
  let calls = 0
  const waiting = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>()

  const worker = (): Worker => {
    if (running) return running
    const started = start()
    started.onmessage = ({ data: reply }: MessageEvent<WorkerReply<Result>>) => {
      const caller = waiting.get(reply.id)
      waiting.delete(reply.id)
      if ('error' in reply) caller?.reject(new Error(reply.error))
      else caller?.resolve(reply.result)
    }
    started.onerror = (event) => {
      event.preventDefault()
      failed = true
      started.terminate()
      running = undefined
      const reason = new Error(event.message || `${what} stopped`)
      for (const caller of waiting.values()) caller.reject(reason)
      waiting.clear()
    }
    return (running = started)
  }

  return {
    offThePage: () => typeof Worker !== 'undefined' && !failed,
    call: (body) =>
      new Promise<Result>((resolve, reject) => {
        const id = ++calls
        waiting.set(id, { resolve, reject })
        worker().postMessage({ id, body } satisfies WorkerCall<Body>)
      }),
    warm: () => {
      if (typeof Worker !== 'undefined' && !failed) worker()
    }
  }
}
