import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

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

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves a built folder on 127.0.0.1 only. Port 0 picks a free port (tests); a taken port is an
 * error with a clear message rather than a silent switch (people type the address).
 */
export function serveFolder(root: string, port: number): Promise<RunningServer> {
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
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff'
      })
      createReadStream(file).pipe(response)
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
        close: () => new Promise<void>((done) => server.close(() => done()))
      })
    })
  })
}
