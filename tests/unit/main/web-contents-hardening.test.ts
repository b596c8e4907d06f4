import { isTrustedSenderUrl } from '@main/trusted-sender'
import { hardenWebContents } from '@main/web-contents-hardening'
import { describe, expect, it } from 'vitest'

type Listener = (event: { preventDefault(): void; url: string; isMainFrame: boolean }) => void

/** A stand-in for Electron's WebContents that records what the policy decided. */
function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents = {
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler
    },
    on(event: string, listener: Listener) {
      listeners.set(event, listener)
    }
  }
  return {
    contents,
    /** Emits an event and says whether the policy prevented it. */
    emit(event: string, url = '', isMainFrame = true): boolean {
      let prevented = false
      const listener = listeners.get(event)
      if (!listener) throw new Error(`no listener for ${event}`)
      listener({ url, isMainFrame, preventDefault: () => (prevented = true) })
      return prevented
    },
    open(url: string) {
      return openHandler!({ url })
    }
  }
}

function hardened() {
  const opened: string[] = []
  const fake = fakeContents()
  hardenWebContents(fake.contents, {
    isOwnPage: (url) => isTrustedSenderUrl(url, { appPageUrl: 'app://recall/index.html' }),
    openExternal: (url) => opened.push(url)
  })
  return { ...fake, opened }
}

describe('hardenWebContents', () => {
  it('denies every new window; an http(s) link opens in the system browser instead', () => {
    const c = hardened()
    expect(c.open('https://docs.aws.amazon.com/sagemaker/')).toEqual({ action: 'deny' })
    expect(c.open('app://recall/index.html')).toEqual({ action: 'deny' })
    expect(c.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(c.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(c.opened).toEqual(['https://docs.aws.amazon.com/sagemaker/'])
  })

  it('keeps the window on our page: links leave for the browser, other schemes go nowhere', () => {
    const c = hardened()
    expect(c.emit('will-navigate', 'app://recall/index.html')).toBe(false)
    expect(c.emit('will-navigate', 'https://evil.example/phish')).toBe(true)
    expect(c.emit('will-navigate', 'file:///home/user/.ssh/id_rsa')).toBe(true)
    expect(c.emit('will-navigate', 'app://recall/assets/index.js')).toBe(true)
    expect(c.emit('will-navigate', 'smb://attacker/share')).toBe(true)
    expect(c.opened).toEqual(['https://evil.example/phish'])
  })

  it('blocks subframe navigation, foreign redirects and every <webview>', () => {
    const c = hardened()
    expect(c.emit('will-frame-navigate', 'app://recall/index.html', false)).toBe(true)
    expect(c.emit('will-frame-navigate', 'app://recall/index.html', true)).toBe(false)
    expect(c.emit('will-redirect', 'https://evil.example/', true)).toBe(true)
    expect(c.emit('will-redirect', 'app://recall/index.html', false)).toBe(true)
    expect(c.emit('will-redirect', 'app://recall/index.html', true)).toBe(false)
    expect(c.emit('will-attach-webview')).toBe(true)
    expect(c.opened).toEqual([])
  })
})
