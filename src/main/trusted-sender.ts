/**
 * IPC is answered only for our own page: the built app's files, or the dev server in development.
 * A frame from anywhere else (an injected iframe, a navigation we failed to block) gets nothing.
 */
export function isTrustedSenderUrl(url: string | undefined, trusted: { rendererFileUrl: string; devServerUrl?: string }): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl)
    if (parsed.origin === dev.origin) return true
  }
  const page = new URL(trusted.rendererFileUrl)
  return parsed.protocol === 'file:' && parsed.pathname === page.pathname
}

/** Only http(s) links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}
