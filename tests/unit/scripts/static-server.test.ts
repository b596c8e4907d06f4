import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseEncoding, serveFolder, type RunningServer } from '../../../scripts/static-server'

/** A GET with the headers given, the body as it came over the wire (not decoded). */
function get(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const parts: Buffer[] = []
      response.on('data', (part: Buffer) => parts.push(part))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts) }))
    })
      .on('error', reject)
      .end()
  })
}

describe('the web server compresses what it sends', () => {
  const script = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word ${i % 50}`))}\n`
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
  let dir = ''
  let server: RunningServer
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recall-static-'))
    await writeFile(join(dir, 'app.js'), script)
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Recall</title>')
    await writeFile(join(dir, 'picture.png'), png)
    server = await serveFolder(dir, 0)
  })
  afterAll(async () => {
    await server?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('sends brotli to a browser that accepts it, and the bytes decode to the file', async () => {
    const answer = await get(`${server.url}app.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-encoding']).toBe('br')
    expect(answer.headers.vary).toBe('accept-encoding')
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    expect(answer.body.length).toBeLessThan(script.length / 5)
    expect(brotliDecompressSync(answer.body).toString()).toBe(script)
  })

  it('sends gzip when brotli is not accepted', async () => {
    const answer = await get(`${server.url}`, { 'accept-encoding': 'gzip' })
    expect(answer.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(answer.body).toString()).toBe('<!doctype html><title>Recall</title>')
  })

  it('sends the file as it is when no encoding is accepted, and pictures always as they are', async () => {
    const plain = await get(`${server.url}app.js`)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
    const picture = await get(`${server.url}picture.png`, { 'accept-encoding': 'br, gzip' })
    expect(picture.headers['content-encoding']).toBeUndefined()
    expect(picture.body.equals(png)).toBe(true)
  })

  it('precompresses before it answers, with the same result', async () => {
    const warm = await serveFolder(dir, 0, { precompress: true })
    try {
      const answer = await get(`${warm.url}app.js`, { 'accept-encoding': 'br' })
      expect(brotliDecompressSync(answer.body).toString()).toBe(script)
    } finally {
      await warm.close()
    }
  })
})

describe('the encoding chosen from Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br')
    expect(chooseEncoding('gzip;q=0.8, br;q=0')).toBe('gzip')
    expect(chooseEncoding('identity')).toBeNull()
    expect(chooseEncoding(undefined)).toBeNull()
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*, br;q=0')).toBe('gzip')
  })
})
