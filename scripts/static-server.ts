import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // Compiled while it downloads (WebAssembly.instantiateStreaming) only when served as such.
  '.wasm': 'application/wasm'
}

/** Text and WebAssembly shrink 3–4×; PNG and WOFF2 are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.wasm', '.ttf', '.woff'])

export type Encoding = 'br' | 'gzip'

/**
 * The encoding to answer with, from the request's Accept-Encoding: brotli when it is accepted,
 * else gzip, else none. A coding with q=0 is refused (RFC 9110, 12.5.3).
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const wanted = (coding: Encoding) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0
  return wanted('br') ? 'br' : wanted('gzip') ? 'gzip' : null
}

const compressors: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  // Quality 9 of 11: within 2 % of 11's size on the app's chunks at a twentieth of its time.
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length }
    }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 6 })
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves a built folder on 127.0.0.1 only. Port 0 picks a free port (tests); a taken port is an
 * error with a clear message rather than a silent switch (people type the address).
 * Text and WebAssembly go out compressed when the browser accepts it (brotli, else gzip level 6),
 * each file compressed once and kept while it is unchanged. With `precompress`, every such file is
 * compressed before the server answers, so no first request waits for it (the bench times loads).
 */
export async function serveFolder(root: string, port: number, { precompress = false } = {}): Promise<RunningServer> {
  const compressed = new Map<string, Promise<Buffer>>()
  const encoded = (file: string, mtimeMs: number, encoding: Encoding): Promise<Buffer> => {
    const key = `${encoding}:${mtimeMs}:${file}`
    let body = compressed.get(key)
    if (!body) {
      body = readFile(file).then(compressors[encoding])
      body.catch(() => compressed.delete(key))
      compressed.set(key, body)
    }
    return body
  }
  if (precompress) {
    const files = (await readdir(root, { recursive: true })).map((f) => join(root, f)).filter((f) => COMPRESSIBLE.has(extname(f)))
    for (const file of files) {
      const { mtimeMs } = await stat(file)
      await Promise.all([encoded(file, mtimeMs, 'br'), encoded(file, mtimeMs, 'gzip')])
    }
  }
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path))
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end()
        return
      }
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff'
      }
      const encoding = COMPRESSIBLE.has(extname(file)) ? encodingOf(request) : null
      if (!encoding) {
        response.writeHead(200, { ...headers, 'content-length': info.size, ...(COMPRESSIBLE.has(extname(file)) ? VARY : {}) })
        createReadStream(file).pipe(response)
        return
      }
      const body = await encoded(file, info.mtimeMs, encoding)
      response.writeHead(200, { ...headers, ...VARY, 'content-encoding': encoding, 'content-length': body.length })
      response.end(request.method === 'HEAD' ? undefined : body)
    })().catch(() => response.writeHead(500).end())
  })
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use: choose another with --port`) : error)
    )
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const actual = typeof address === 'object' && address ? address.port : port
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeIdleConnections()
          })
      })
    })
  })
}

const VARY = { vary: 'accept-encoding' }

const encodingOf = (request: IncomingMessage) => chooseEncoding(request.headers['accept-encoding'])
