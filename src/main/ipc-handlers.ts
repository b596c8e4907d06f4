import { guardIpcMethod } from '@main/ipc-guard'
import { channelOf, RECALL_METHODS, type RecallApi } from '@shared/ipc'
import { ipcMain } from 'electron'

/**
 * Registers one handler per method of the contract. Each checks who is asking (our page's top
 * frame) and validates its arguments with the method's schema before doing anything.
 */
export function registerIpcHandlers(handlers: RecallApi, isTrustedSenderUrl: (url: string | undefined) => boolean): void {
  for (const method of RECALL_METHODS) {
    const guarded = guardIpcMethod(method, handlers[method].bind(handlers), isTrustedSenderUrl)
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      const frame = event.senderFrame
      return guarded(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, args)
    })
  }
}
