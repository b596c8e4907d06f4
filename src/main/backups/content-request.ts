import type { BackupContentReply } from '@shared/backup/backup-types'
import { MINUTE_MS } from '@shared/durations'

/**
 * Main cannot read IndexedDB, so it asks the window for the encoded collection: `send(requestId)`
 * posts the request (webContents.send), and the renderer answers through the IPC method
 * `deliverBackupContent(requestId, reply)`, which calls `deliver`. A window that never answers
 * (closed, reloading, frozen) fails the request after `timeoutMs`, so quitting never hangs.
 */
export interface ContentRequester {
  request(): Promise<string>
  /** False when no request with that id is waiting (answered already, timed out, or made up). */
  deliver(requestId: unknown, reply: unknown): boolean
}

export function createContentRequester(options: { send: (requestId: string) => void; timeoutMs?: number }): ContentRequester {
  const timeoutMs = options.timeoutMs ?? MINUTE_MS
  const pending = new Map<
    string,
    { resolve: (content: string) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }
  >()
  let counter = 0

  return {
    request() {
      const id = `backup-${++counter}`
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`Recall's window did not hand over the collection within ${Math.round(timeoutMs / 1000)} seconds`))
        }, timeoutMs)
        pending.set(id, { resolve, reject, timer })
        try {
          options.send(id)
        } catch (error) {
          clearTimeout(timer)
          pending.delete(id)
          reject(
            new Error(`Recall's window could not be asked for the collection (${error instanceof Error ? error.message : String(error)})`)
          )
        }
      })
    },
    deliver(requestId, reply) {
      const waiting = typeof requestId === 'string' ? pending.get(requestId) : undefined
      if (!waiting) return false
      pending.delete(requestId as string)
      clearTimeout(waiting.timer)
      if (isReply(reply, 'content')) waiting.resolve(reply.content)
      else if (isReply(reply, 'error')) waiting.reject(new Error(reply.error))
      else waiting.reject(new Error("Recall's window answered with something that is not a backup"))
      return true
    }
  }
}

function isReply<K extends 'content' | 'error'>(reply: unknown, key: K): reply is Extract<BackupContentReply, Record<K, string>> {
  return typeof reply === 'object' && reply !== null && typeof (reply as Record<string, unknown>)[key] === 'string'
}
