import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channelOf, RECALL_METHODS, type RecallApi } from '../shared/ipc'
import { isTrustedSenderUrl } from './trusted-sender'
import { devServerUrl, rendererFileUrl } from './window'

/** Registers one handler per method of the contract; each first checks who is asking. */
export function registerIpcHandlers(handlers: RecallApi): void {
  for (const method of RECALL_METHODS) {
    const handler = handlers[method] as (...args: unknown[]) => Promise<unknown>
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, { rendererFileUrl, devServerUrl })) {
        throw new Error(`refused ${method}: the request did not come from Recall's own page`)
      }
      return handler(...args)
    })
  }
}
