import { isSafeExternalUrl } from '@main/trusted-sender'

interface Preventable {
  preventDefault(): void
}

/** The part of Electron's WebContents this policy uses, so it can be tested without Electron. */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: Preventable & { url: string }) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: Preventable & { url: string; isMainFrame: boolean }) => void): unknown
  on(event: 'will-redirect', listener: (event: Preventable & { url: string; isMainFrame: boolean }) => void): unknown
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown
}

export interface NavigationPolicy {
  /** Our own page (app://recall/index.html, or the dev server): the only place a frame may go. */
  isOwnPage(url: string): boolean
  /** Hands a link to the system browser; called only with URLs that passed isSafeExternalUrl. */
  openExternal(url: string): void
}

/**
 * Applied to every webContents the app creates (app 'web-contents-created'): no new windows, no
 * navigation away from our page, no subframe navigation, no <webview>. A clicked http(s) link
 * opens in the system browser instead; anything else (file:, javascript:, smb:, custom schemes)
 * goes nowhere.
 */
export function hardenWebContents(contents: HardenableContents, policy: NavigationPolicy): void {
  const leave = (url: string): void => {
    if (isSafeExternalUrl(url)) policy.openExternal(url)
  }

  contents.setWindowOpenHandler(({ url }) => {
    leave(url)
    return { action: 'deny' }
  })

  contents.on('will-navigate', (event) => {
    // A reload or HMR full reload of our own page is fine; anything else is a link to hand off.
    if (policy.isOwnPage(event.url)) return
    event.preventDefault()
    leave(event.url)
  })

  contents.on('will-frame-navigate', (event) => {
    // Main-frame navigations are decided above; the page has no frames of its own (frame-src 'none').
    if (!event.isMainFrame) event.preventDefault()
  })

  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame || !policy.isOwnPage(event.url)) event.preventDefault()
  })

  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}
