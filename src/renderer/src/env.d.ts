/// <reference types="vite/client" />
import type { RecallApi, RecallEvents } from '@shared/ipc'

declare global {
  /** package.json's version, set by the build (scripts/renderer-config.ts). */
  const __APP_VERSION__: string

  interface Window {
    /** Present only in the Electron shell (see src/preload). */
    api?: RecallApi & RecallEvents
  }
}
