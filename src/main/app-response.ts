import { APP_ORIGIN, contentTypeFor, resolveAppFile } from '@main/app-protocol'
import { RENDERER_CSP_HEADER } from '@main/content-security-policy'
import { readFile } from 'node:fs/promises'

/** The parts of a protocol request we look at (Electron passes a `Request` with `initiatorOrigin`). */
export interface AppRequest {
  url: string
  method: string
  /** Who asked: absent when the browser itself loads the page, `app://recall` for the page's own files. */
  initiatorOrigin?: string
}

export type ReadAppFile = (path: string) => Promise<Uint8Array>

/** Every response carries the page's CSP as a header as well as the <meta>, and is never sniffed. */
function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': RENDERER_CSP_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache'
  }
}

function refusal(status: number, message: string): Response {
  return new Response(`${status} ${message}\n`, { status, headers: securityHeaders('text/plain; charset=utf-8') })
}

/**
 * Answers one app:// request from the files in `rootDir`. Only GET and HEAD, only from our own
 * page (or the browser loading it), only files that resolve inside the folder.
 */
export async function serveAppRequest(
  rootDir: string,
  request: AppRequest,
  read: ReadAppFile = (path) => readFile(path)
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed')
  if (request.initiatorOrigin !== undefined && request.initiatorOrigin !== APP_ORIGIN) {
    return refusal(403, 'forbidden')
  }
  const file = resolveAppFile(rootDir, request.url)
  if (!file.ok) return refusal(file.status, file.status === 400 ? 'bad request' : 'not found')
  let body: Uint8Array
  try {
    body = await read(file.path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return refusal(404, 'not found')
    return refusal(500, 'the file could not be read')
  }
  const headers = securityHeaders(contentTypeFor(file.path))
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
}
