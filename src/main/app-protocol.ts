import { isAbsolute, relative, resolve } from 'node:path'

/**
 * The built page is served from `app://recall/…` instead of file://, so it has a real, stable
 * origin (IndexedDB lives under it: never change it) and can reach no file outside its folder.
 */
export const APP_SCHEME = 'app'
const APP_HOST = 'recall'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export type AppFileResolution = { ok: true; path: string } | { ok: false; status: 400 | 404; reason: string }

// Vite writes `name-hash.ext` files; anything else (dot files, `..`, `:`, `\`, NUL, spaces,
// non-ASCII look-alikes) is not something we ship, so it is refused before touching the disk.
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/

/**
 * Maps a request URL to a file inside `rootDir` (out/renderer), or says why not. Only our host is
 * served, the path is decoded once and checked segment by segment, and the result is verified to
 * lie inside the root, so no encoding trick can climb out of it.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): AppFileResolution {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `not an ${APP_ORIGIN} URL` }
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' }
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  const segments = pathname.slice(1).split('/')
  if (!pathname.startsWith('/') || !segments.every((s) => SAFE_SEGMENT.test(s))) {
    return { ok: false, status: 404, reason: 'not a file of the app' }
  }
  const root = resolve(rootDir)
  const path = resolve(root, ...segments)
  const inside = relative(root, path)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, status: 404, reason: 'outside the app folder' }
  }
  return { ok: true, path }
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm'
}

/** Module scripts are refused by Chromium without a JavaScript type, so every file gets its own. */
export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.')
  const ext = dot === -1 ? '' : path.slice(dot + 1).toLowerCase()
  return CONTENT_TYPES[ext] ?? 'application/octet-stream'
}
