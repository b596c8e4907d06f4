/// <reference lib="webworker" />
import { RecallDatabase } from '@db/database'
import type { WorkerCall, WorkerReply } from '@store/worker-calls'

/**
 * The worker's side of store/worker-calls.ts, for work on a collection: each call names its
 * collection, opened on the worker's own connection at first use and kept for the next calls
 * (dropped after a failure: the collection may have been replaced, say by a restore).
 */
export function answerCalls<Body extends { dbName: string }, Result>(answer: (db: RecallDatabase, body: Body) => Promise<Result>): void {
  let open: RecallDatabase | undefined
  self.onmessage = ({ data: { id, body } }: MessageEvent<WorkerCall<Body>>) => {
    if (open?.name !== body.dbName) {
      open?.close()
      open = new RecallDatabase(body.dbName)
    }
    const post = (reply: WorkerReply<Result>) => self.postMessage(reply)
    answer(open, body).then(
      (result) => post({ id, result }),
      (error: unknown) => {
        open?.close()
        open = undefined
        post({ id, error: error instanceof Error ? error.message : String(error) })
      }
    )
  }
}
