/// <reference types="vite/client" />
import type { RecallApi } from '../../shared/ipc'

declare global {
  interface Window {
    /** Present only in the Electron shell (see src/preload). */
    api?: RecallApi
  }
}
