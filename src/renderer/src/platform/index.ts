import { electronPlatform } from '@platform/electron'
import type { Platform } from '@platform/platform'
import { webPlatform } from '@platform/web'

export type { Platform } from '@platform/platform'

/** The Electron preload exposes `window.api`; without it we are the web build. */
export function detectPlatform(): Platform {
  return window.api ? electronPlatform(window.api) : webPlatform()
}
