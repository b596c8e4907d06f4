/** Where our page lives: the app:// entry when built, the electron-vite dev server in development. */
export interface OwnPage {
  /** The built page, `app://recall/index.html`. */
  appPageUrl: string
  /** `ELECTRON_RENDERER_URL` while developing; never set in a packaged app. */
  devServerUrl?: string
}

function parse(url: string | undefined): URL | null {
  if (!url) return null
  try {
    return new URL(url)
  } catch {
    return null
  }
}

// Compared as protocol + host (host includes the port): Node gives non-special schemes such as
// app: the opaque origin "null", so `origin` cannot be compared for them.
function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host
}

/** Whether a URL is on our page's origin (app://recall, or the dev server). */
export function isOwnOrigin(url: string | undefined, page: OwnPage): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  const dev = parse(page.devServerUrl)
  if (dev && sameOrigin(parsed, dev)) return true
  const app = parse(page.appPageUrl)
  return app !== null && sameOrigin(parsed, app)
}

/**
 * IPC is answered only for our own page: the built app's entry document, or the dev server in
 * development. A frame from anywhere else (an injected iframe, a navigation we failed to block,
 * another file on disk) gets nothing.
 */
export function isTrustedSenderUrl(url: string | undefined, page: OwnPage): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  const dev = parse(page.devServerUrl)
  if (dev && sameOrigin(parsed, dev)) return true
  const app = parse(page.appPageUrl)
  return app !== null && sameOrigin(parsed, app) && parsed.pathname === app.pathname
}

/** Only http(s) links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
}

/**
 * The dev server URL electron-vite hands us, accepted only when unpackaged and only on this machine:
 * in a shipped app an environment variable must not be able to point the window at a web page.
 */
export function devServerUrlFrom(value: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !value) return undefined
  const parsed = parse(value)
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? value : undefined
}
