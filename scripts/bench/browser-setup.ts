import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import { chromiumPath, FLAGS } from '../chromium'
import { rendererConfig } from '../renderer-config'
import { serveFolder } from '../static-server'
import { buildWeb } from '../web-build'
import { benchRecorder } from './recorder'

const log = (message: string) => console.error(`[bench] ${message}`)

/**
 * The web app, and beside it in `bench/` (same origin, so the same IndexedDB) the bench page, the
 * bare first-card page, and `assets/in-app.js`, the module the bench loads into the app's page.
 */
export async function buildAll(outDir: string) {
  await buildWeb(outDir)
  const base = rendererConfig(join(outDir, 'bench'))
  const page = (file: string) => resolve(__dirname, 'page', file)
  await build({
    ...base,
    root: resolve(__dirname, 'page'),
    configFile: false,
    logLevel: 'error',
    build: {
      ...base.build,
      minify: process.env.RECALL_BENCH_MINIFY !== '0' && base.build?.minify,
      outDir: join(outDir, 'bench'),
      emptyOutDir: true,
      rollupOptions: {
        input: { bench: page('bench.html'), 'first-card': page('first-card.html'), 'in-app': page('in-app-page.ts') },
        output: { entryFileNames: 'assets/[name].js' }
      }
    }
  })
}

export interface Profile {
  context: BrowserContext
  page: Page
  /** Closes Chromium and starts it again on the same profile: a cold start with the disk caches kept. */
  relaunch: () => Promise<void>
  /** Closes Chromium, copies the whole profile (its IndexedDB with it) to `target`, and starts it again. */
  copyTo: (target: string) => Promise<void>
  close: () => Promise<void>
}

/** Chromium on the profile in `dir`, with the bench's recorder (and `initScripts`) in every page, the welcome seen. */
async function launch(dir: string, initScripts: ReadonlyArray<() => void> = []) {
  const context = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath, headless: true, args: FLAGS })
  // tsx (esbuild keepNames) wraps functions in __name(); functions sent to the page need it defined.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' })
  await context.addInitScript(benchRecorder)
  for (const script of initScripts) await context.addInitScript(script)
  await context.addInitScript(() => {
    try {
      localStorage.setItem('recall.welcomeSeen', 'true')
    } catch {
      // about:blank
    }
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => log(`page error: ${error.message}`))
  return { context, page }
}

/** A fresh Chromium profile, or a copy of the one in `from` (a profile copyTo saved). */
export async function openProfile(from?: string): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
  if (from) await cp(from, dir, { recursive: true })
  const profile = { ...(await launch(dir)) } as Profile
  profile.relaunch = async () => {
    await profile.context.close()
    Object.assign(profile, await launch(dir))
  }
  profile.copyTo = async (target) => {
    await profile.context.close()
    await rm(target, { recursive: true, force: true })
    await cp(dir, target, { recursive: true })
    Object.assign(profile, await launch(dir))
  }
  profile.close = async () => {
    await profile.context.close().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  }
  return profile
}

export async function openBenchPage(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}bench/bench.html`)
  await page.waitForFunction(() => 'bench' in window)
}

/** Loads the bench's in-app module into the app's page (untimed; the app is already running). */
export async function loadInApp(page: Page, baseUrl: string) {
  if (await page.evaluate(() => 'benchInApp' in window)) return
  await page.addScriptTag({ url: `${baseUrl}bench/assets/in-app.js`, type: 'module' })
  await page.waitForFunction(() => 'benchInApp' in window)
}

/**
 * Several builds served in turn from one origin (so the same IndexedDB), for A/B figures on one
 * seeded profile: each is built from the working tree unless its folder already holds one, and
 * the server's root is a link moved between them (`serve`). Chromium runs on the profile in
 * `state`/chromium.
 */
export async function buildsInTurn(
  builds: ReadonlyArray<readonly [string, string]>,
  state: string,
  port: number,
  initScripts: ReadonlyArray<() => void> = []
) {
  for (const [name, dir] of builds) {
    if (existsSync(join(dir, 'index.html'))) continue
    log(`building ${name} from the working tree into ${dir}`)
    await buildAll(dir)
  }
  const link = join(state, 'root')
  await mkdir(state, { recursive: true })
  const serve = async (dir: string) => {
    await rm(link, { force: true })
    await symlink(dir, link)
  }
  await serve(builds[0]![1])
  const server = await serveFolder(link, port)
  const { context, page } = await launch(join(state, 'chromium'), initScripts)
  return { server, serve, context, page }
}

/**
 * The start-up backup of a journal's first epoch: waits, on the app's page (which encodes it),
 * until it is in the origin's private file system. Not a figure; its time is printed as a probe.
 */
export async function startUpBackup(page: Page): Promise<{ ms: number; size: number }> {
  const start = Date.now()
  for (;;) {
    const size = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory()
      const folder = await root.getDirectoryHandle('backups', { create: true })
      let largest = 0
      for await (const handle of (folder as unknown as { values(): AsyncIterable<FileSystemHandle> }).values())
        if (handle.kind === 'file') largest = Math.max(largest, (await (handle as FileSystemFileHandle).getFile()).size)
      return largest
    })
    if (size > 1000) return { ms: Date.now() - start, size }
    if (Date.now() - start > 1_800_000) throw new Error('no start-up backup within 30 minutes')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
