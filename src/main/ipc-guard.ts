import { parseIpcArguments } from '@main/ipc-validation'
import type { RecallApi, RecallMethod } from '@shared/ipc'

/** Who sent an IPC call: Electron's `event.senderFrame`, or null when the frame is gone. */
export interface IpcSender {
  url: string | undefined
  /** Only the top frame of our window may call; `senderFrame.parent === null`. */
  isMainFrame: boolean
}

/**
 * Wraps one handler of the contract: the caller must be our own page's top frame, and the
 * arguments must pass the method's schema, before the handler runs with the parsed arguments.
 */
export function guardIpcMethod<M extends RecallMethod>(
  method: M,
  handler: RecallApi[M],
  isTrustedSenderUrl: (url: string | undefined) => boolean
): (sender: IpcSender | null, args: readonly unknown[]) => Promise<unknown> {
  const call = handler as (...args: unknown[]) => Promise<unknown>
  return async (sender, args) => {
    if (!sender || !sender.isMainFrame || !isTrustedSenderUrl(sender.url)) {
      throw new Error(`refused ${method}: the request did not come from Recall's own page`)
    }
    const parsed = parseIpcArguments(method, args)
    if (!parsed.ok) throw new Error(`refused ${method}: ${parsed.message}`)
    return call(...parsed.args)
  }
}
