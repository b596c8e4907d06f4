import {
  BACKUP_REQUEST_CHANNEL,
  channelOf,
  isMenuCommand,
  isOptimizerProgress,
  MENU_COMMAND_CHANNEL,
  OPTIMIZER_PROGRESS_CHANNEL,
  RECALL_METHODS,
  SYNC_BEFORE_QUIT_CHANNEL,
  SYNC_FOLDER_CHANGE_CHANNEL,
  type RecallApi,
  type RecallEvents
} from '@shared/ipc'
import { contextBridge, ipcRenderer } from 'electron'

// One named function per method of the contract, each invoking its own channel: the page never
// sees ipcRenderer itself, nor an IPC event object. Main validates every argument (ipc-guard.ts).
const invokers = Object.fromEntries(
  RECALL_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)])
) as unknown as RecallApi

const events = {
  onBackupRequest: (listener) => {
    const relay = (_event: unknown, requestId: unknown) => {
      if (typeof requestId === 'string') listener(requestId)
    }
    ipcRenderer.on(BACKUP_REQUEST_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(BACKUP_REQUEST_CHANNEL, relay)
  },
  onMenuCommand: (listener) => {
    // Only a known command, as a plain string, ever reaches the page.
    const relay = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay)
  },
  onOptimizerProgress: (listener) => {
    const relay = (_event: unknown, progress: unknown) => {
      if (isOptimizerProgress(progress)) listener({ done: progress.done, total: progress.total })
    }
    ipcRenderer.on(OPTIMIZER_PROGRESS_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(OPTIMIZER_PROGRESS_CHANNEL, relay)
  },
  onSyncFolderChange: (listener) => {
    // Nothing but the fact of a change reaches the page.
    const relay = () => listener()
    ipcRenderer.on(SYNC_FOLDER_CHANGE_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(SYNC_FOLDER_CHANGE_CHANNEL, relay)
  },
  onSyncBeforeQuit: (listener) => {
    const relay = (_event: unknown, requestId: unknown) => {
      if (typeof requestId === 'string') listener(requestId)
    }
    ipcRenderer.on(SYNC_BEFORE_QUIT_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(SYNC_BEFORE_QUIT_CHANNEL, relay)
  }
} satisfies RecallEvents

contextBridge.exposeInMainWorld('api', { ...invokers, ...events } satisfies RecallApi & RecallEvents)
