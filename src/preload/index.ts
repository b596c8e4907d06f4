import { contextBridge, ipcRenderer } from 'electron'
import { channelOf, type RecallApi } from '../shared/ipc'

// Named functions only: the page never sees ipcRenderer itself.
const api = {
  listDecks: () => ipcRenderer.invoke(channelOf('listDecks'))
} satisfies RecallApi

contextBridge.exposeInMainWorld('api', api)
