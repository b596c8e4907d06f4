import { electronPlatform } from './electron'
import type { Platform } from './platform'
import { webPlatform } from './web'

export type { Platform } from './platform'

/** The Electron preload exposes `window.api`; without it we are the web build. */
export function detectPlatform(): Platform {
  return window.api ? electronPlatform(window.api) : webPlatform()
}
