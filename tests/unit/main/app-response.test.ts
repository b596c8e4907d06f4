import { serveAppRequest } from '@main/app-response'
import { RENDERER_CSP_HEADER } from '@main/content-security-policy'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let root: string
let outside: string
beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'recall-app-'))
  root = join(outside, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Recall</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(outside, 'secret.txt'), 'the user data next door')
})
afterAll(async () => {
  await rm(outside, { recursive: true, force: true })
})

const get = (url: string, initiatorOrigin?: string) => serveAppRequest(root, { url, method: 'GET', initiatorOrigin })

describe('serveAppRequest', () => {
  it('serves the page with its CSP as a header and a type Chromium will run', async () => {
    const page = await get('app://recall/index.html')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>Recall</title>')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')

    const script = await get('app://recall/assets/index-abc.js', 'app://recall')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
  })

  it('answers HEAD without a body', async () => {
    const head = await serveAppRequest(root, { url: 'app://recall/index.html', method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('never hands out a file outside the renderer folder', async () => {
    for (const url of [
      'app://recall/..%2fsecret.txt',
      'app://recall/%2e%2e/secret.txt',
      'app://recall/../secret.txt',
      'app://recall/assets/..%2F..%2Fsecret.txt'
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('user data')
    }
  })

  it('refuses missing files, folders, other methods and requests from other origins', async () => {
    expect((await get('app://recall/nope.js')).status).toBe(404)
    expect((await get('app://recall/assets')).status).toBe(404)
    expect((await serveAppRequest(root, { url: 'app://recall/index.html', method: 'POST' })).status).toBe(405)
    expect((await get('app://recall/index.html', 'https://evil.example')).status).toBe(403)
    expect((await get('app://recall/index.html', 'null')).status).toBe(403)
    expect((await get('app://recall/%E0%A4%A')).status).toBe(400)
  })

  it('reports an unreadable file as a server error, not as its contents', async () => {
    const failing = await serveAppRequest(root, { url: 'app://recall/index.html', method: 'GET' }, () =>
      Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }))
    )
    expect(failing.status).toBe(500)
    expect(failing.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
  })
})
