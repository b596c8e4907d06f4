import { APP_ENTRY_URL, APP_ORIGIN, contentTypeFor, resolveAppFile } from '@main/app-protocol'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve('/opt/Recall/resources/app.asar/out/renderer')

function pathOf(url: string): string | null {
  const result = resolveAppFile(root, url)
  return result.ok ? result.path : null
}

describe('resolveAppFile', () => {
  it('serves the page and its assets from the renderer folder', () => {
    expect(APP_ORIGIN).toBe('app://recall')
    expect(pathOf(APP_ENTRY_URL)).toBe(join(root, 'index.html'))
    expect(pathOf('app://recall/')).toBe(join(root, 'index.html'))
    expect(pathOf('app://recall')).toBe(join(root, 'index.html'))
    expect(pathOf('app://recall/assets/index-BlM_nI7_.js')).toBe(join(root, 'assets', 'index-BlM_nI7_.js'))
    expect(pathOf('app://recall/favicon.svg?v=2#x')).toBe(join(root, 'favicon.svg'))
    expect(pathOf('app://recall/assets/%69ndex.css')).toBe(join(root, 'assets', 'index.css'))
  })

  it('never resolves outside the folder, whatever the encoding', () => {
    const attempts = [
      'app://recall/../../../../etc/passwd',
      'app://recall/%2e%2e/%2e%2e/etc/passwd',
      'app://recall/..%2f..%2f..%2fetc%2fpasswd',
      'app://recall/assets/..%2F..%2F..%2Fmain%2Findex.js',
      'app://recall/%2E%2E%5C%2E%2E%5Cmain%5Cindex.js',
      'app://recall/..\\..\\main\\index.js',
      'app://recall/assets%2F..%2F..%2Fmain%2Findex.js',
      'app://recall//etc/passwd',
      'app://recall/%2Fetc%2Fpasswd',
      'app://recall/C:%5CWindows%5Cwin.ini',
      'app://recall/C:/Windows/win.ini',
      'app://recall/index.html%00.png',
      'app://recall/.env',
      'app://recall/assets/',
      'app://recall/%252e%252e/etc/passwd'
    ]
    for (const url of attempts) {
      const result = resolveAppFile(root, url)
      if (result.ok) expect(result.path.startsWith(root + sep), url).toBe(true)
      else expect([400, 404], url).toContain(result.status)
    }
    // The ones that would matter are refused outright, not just kept inside.
    expect(pathOf('app://recall/..%2f..%2f..%2fetc%2fpasswd')).toBeNull()
    expect(pathOf('app://recall/%2E%2E%5C%2E%2E%5Cmain%5Cindex.js')).toBeNull()
    expect(pathOf('app://recall/index.html%00.png')).toBeNull()
    expect(pathOf('app://recall/.env')).toBeNull()
  })

  it('serves only its own host and scheme', () => {
    expect(resolveAppFile(root, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile(root, 'https://recall/index.html')).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile(root, 'not a url')).toMatchObject({ ok: false, status: 400 })
    expect(resolveAppFile(root, 'app://recall/%E0%A4%A')).toMatchObject({ ok: false, status: 400 })
  })

  // Every file Vite actually writes must be servable (skipped until `npm run build` has run).
  it.skipIf(!existsSync('out/renderer/index.html'))('resolves every file of the built renderer', () => {
    const builtRoot = resolve('out/renderer')
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]))
    for (const file of walk(builtRoot)) {
      const url = `${APP_ORIGIN}/${file
        .slice(builtRoot.length + 1)
        .split(sep)
        .join('/')}`
      expect(resolveAppFile(builtRoot, url), url).toEqual({ ok: true, path: file })
    }
  })
})

describe('contentTypeFor', () => {
  it('gives module scripts a JavaScript type (Chromium refuses them otherwise)', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/x/assets/index-abc.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('/x/assets/index-abc.CSS')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/x/favicon.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2')
    expect(contentTypeFor('/x/README')).toBe('application/octet-stream')
  })
})
