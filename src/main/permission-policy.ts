/**
 * Electron grants every permission unless told otherwise. Recall needs none of the camera,
 * microphone, notifications, clipboard, devices or the like, so everything is refused except
 * one thing: persistent storage for our own page, so Chromium never evicts the review history
 * (the renderer asks for it with navigator.storage.persist()).
 */
const PERMISSIONS_FOR_OWN_PAGE: readonly string[] = ['persistent-storage']

export interface PermissionAsk {
  permission: string
  /** The URL (request) or origin (check) of the frame asking; may be missing. */
  requestingUrl: string | undefined
  isMainFrame: boolean
}

export function isPermissionGranted(ask: PermissionAsk, isOwnOrigin: (url: string | undefined) => boolean): boolean {
  return ask.isMainFrame && PERMISSIONS_FOR_OWN_PAGE.includes(ask.permission) && isOwnOrigin(ask.requestingUrl)
}
