import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { serveFolder } from '../static-server'
import { firstStart } from './app-flows'
import { buildAll, openBenchPage, openProfile } from './browser-setup'
import { scriptOptions } from './script-options'

/**
 * `npx tsx scripts/bench/start-trace.ts [--size 10000] [--cold 3] [--wait 20000]`: where a cold start's
 * time goes, navigation → first question painted (issue 23). An init script notes, on the page's
 * clock, every script and fetch (resource timing), every IndexedDB open and transaction (its stores,
 * mode, creation and completion), long tasks, and the recorder's deck list and first card. Each
 * load follows a restart of Chromium on the same profile, after the first start and `--wait` ms for its background work. Evidence for
 * docs/performance.md, not a figure.
 */
const { option } = scriptOptions()
const SIZE = Number(option('size', '10000'))
const COLD = Number(option('cold', '3'))
const WAIT_MS = Number(option('wait', '20000'))
const DECK = 'Bench deck 00'

/** Runs in the page before its own scripts. */
function startTraceRecorder() {
  const t0 = () => Math.round(performance.now())
  const events: Array<[number, string]> = []
  ;(window as unknown as { __trace: typeof events }).__trace = events
  const note = (what: string) => events.push([t0(), what])
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, and called with its own `this`
  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    note(`idb open ${name} v${version ?? '-'}`)
    const request = open.call(this, name, version as number)
    request.addEventListener('success', () => note(`idb opened ${name}`))
    request.addEventListener('upgradeneeded', () => note(`idb upgradeneeded ${name}`))
    return request
  }
  let n = 0
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped, and called with its own `this`
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    stores: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions
  ) {
    const id = ++n
    const names = (typeof stores === 'string' ? [stores] : [...stores]).join(',')
    note(`tx${id} ${mode ?? 'readonly'} [${names}] created`)
    const tx = transaction.call(this, stores, mode, options)
    tx.addEventListener('complete', () => note(`tx${id} complete`))
    tx.addEventListener('abort', () => note(`tx${id} abort`))
    return tx
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) events.push([Math.round(e.startTime), `longtask ${Math.round(e.duration)} ms`])
  }).observe({ type: 'longtask', buffered: true })
}

async function traceLoad(page: Page, url: string) {
  await page.goto(url)
  await page.waitForFunction(
    () => ((window as unknown as { __bench?: { cardPaintedAt: number } }).__bench?.cardPaintedAt ?? -1) >= 0,
    undefined,
    {
      timeout: 300_000,
      polling: 10
    }
  )
  await page.waitForTimeout(300)
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { listAt: number; cardAt: number; cardPaintedAt: number } }).__bench
    const events = [...(window as unknown as { __trace: Array<[number, string]> }).__trace]
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      events.push([Math.round(r.startTime), `fetch ${r.name.split('/').pop()} → ${Math.round(r.responseEnd)} (${r.transferSize} B)`])
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    events.push([Math.round(nav.responseEnd), 'html received'], [Math.round(nav.domContentLoadedEventStart), 'DOMContentLoaded'])
    for (const p of performance.getEntriesByType('paint')) events.push([Math.round(p.startTime), p.name])
    events.push(
      [Math.round(b.listAt), 'DECK LIST'],
      [Math.round(b.cardAt), 'QUESTION IN DOM'],
      [Math.round(b.cardPaintedAt), 'QUESTION PAINTED']
    )
    return events.sort((a, c) => a[0] - c[0]).map(([t, what]) => `${String(t).padStart(6)}  ${what}`)
  })
}

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'recall-trace-'))
  await buildAll(outDir)
  const server = await serveFolder(outDir, 0)
  const profile = await openProfile()
  try {
    await profile.context.addInitScript(startTraceRecorder)
    await openBenchPage(profile.page, server.url)
    await profile.page.evaluate(([n, now]) => window.bench.generate(n, now, 4), [SIZE, Date.now()] as const)
    const first = await firstStart(profile.page, server.url, DECK)
    console.log(`first start: list ${Math.round(first.app.list[0]!)} ms, card ${Math.round(first.app.card[0]!)} ms`)
    await profile.page.waitForTimeout(WAIT_MS) // the start-up backup and the upgrade's background count
    await profile.page.evaluate((name) => localStorage.setItem('bench.autoStudy', name), DECK)
    for (let i = 0; i < COLD; i++) {
      await profile.relaunch()
      await profile.context.addInitScript(startTraceRecorder)
      const lines = await traceLoad(profile.page, server.url)
      console.log(`\n=== cold start ${i + 1}\n${lines.join('\n')}`)
    }
  } finally {
    await profile.close()
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
