import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import { chromiumPath, FLAGS } from '../chromium'
import { rendererConfig } from '../renderer-config'
import { buildWeb } from '../web-build'
import { benchRecorder } from './recorder'

const log = (message: string) => console.error(`[bench] ${message}`)

/** The web app, and the bench page beside it in `bench/` (same origin, so the same IndexedDB). */
export async function buildAll(outDir: string) {
  await buildWeb(outDir)
  const base = rendererConfig(join(outDir, 'bench'))
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
      rollupOptions: { input: resolve(__dirname, 'page/bench.html') }
    }
  })
}

export async function openProfile(): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'recall-bench-'))
  const context = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath, headless: true, args: FLAGS })
  // tsx (esbuild keepNames) wraps functions in __name(); functions sent to the page need it defined.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' })
  await context.addInitScript(benchRecorder)
  await context.addInitScript(() => {
    try {
      localStorage.setItem('recall.welcomeSeen', 'true')
    } catch {
      // about:blank
    }
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => log(`page error: ${error.message}`))
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export async function openBenchPage(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}bench/bench.html`)
  await page.waitForFunction(() => 'bench' in window)
}
