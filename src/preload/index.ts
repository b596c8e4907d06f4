import { contextBridge, ipcRenderer } from 'electron'
import { BACKUP_REQUEST_CHANNEL, channelOf, isMenuCommand, MENU_COMMAND_CHANNEL, type RecallApi, type RecallEvents } from '@shared/ipc'

// Named functions only: the page never sees ipcRenderer itself, nor an IPC event object.
const api = {
  listDecks: () => ipcRenderer.invoke(channelOf('listDecks')),
  optimizeParameters: (histories) => ipcRenderer.invoke(channelOf('optimizeParameters'), histories),
  saveFile: (request) => ipcRenderer.invoke(channelOf('saveFile'), request),
  noteStudyActivity: () => ipcRenderer.invoke(channelOf('noteStudyActivity')),
  backupNow: () => ipcRenderer.invoke(channelOf('backupNow')),
  listBackups: () => ipcRenderer.invoke(channelOf('listBackups')),
  readBackup: (file) => ipcRenderer.invoke(channelOf('readBackup'), file),
  deliverBackupContent: (requestId, reply) => ipcRenderer.invoke(channelOf('deliverBackupContent'), requestId, reply),
  onBackupRequest: (listener) => {
    const relay = (_event: unknown, requestId: unknown) => {
      if (typeof requestId === 'string') listener(requestId)
    }
    ipcRenderer.on(BACKUP_REQUEST_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(BACKUP_REQUEST_CHANNEL, relay)
  },
  showReminder: (count) => ipcRenderer.invoke(channelOf('showReminder'), count),
  onMenuCommand: (listener) => {
    // Only a known command, as a plain string, ever reaches the page.
    const relay = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay)
    return () => void ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay)
  }
} satisfies RecallApi & RecallEvents

contextBridge.exposeInMainWorld('api', api)
