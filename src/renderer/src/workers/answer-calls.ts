/// <reference lib="webworker" />
import type { WorkerCall, WorkerReply } from '@store/worker-calls'

/** The worker's side of store/worker-calls.ts: each call answered by one reply carrying its number, or why there is none. */
export function answerCalls<Body, Result>(answer: (body: Body) => Result | Promise<Result>): void {
  self.onmessage = ({ data: { id, body } }: MessageEvent<WorkerCall<Body>>) => {
    const post = (reply: WorkerReply<Result>) => self.postMessage(reply)
    Promise.resolve()
      .then(() => answer(body))
      .then(
        (result) => post({ id, result }),
        (error: unknown) => post({ id, error: error instanceof Error ? error.message : String(error) })
      )
  }
}
