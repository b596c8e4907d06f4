import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CDPSession } from 'playwright-core'
import { serveFolder } from '../static-server'
import { gradeLoop } from './app-flows'
import { buildAll, openBenchPage, openProfile } from './browser-setup'
import { scriptOptions } from './script-options'

/**
 * `npx tsx scripts/bench/profile.ts [--size 10000] [--grades 60]`: where the time goes. CPU
 * profiles (CDP) of the grade loop in the app and of the statistics and deck-list counts through
 * the store, summarised as self time per function. Evidence for docs/performance.md, not a figure.
 * With `RECALL_BENCH_MINIFY=0` the bench page's code keeps its function names (the app's own build
 * stays minified, as shipped).
 */
const { option } = scriptOptions()
const SIZE = Number(option('size', '10000'))
const GRADES = Number(option('grades', '60'))

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

async function profiled(cdp: CDPSession, run: () => Promise<unknown>): Promise<string> {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await run()
  const { profile } = await cdp.send('Profiler.stop')
  const nodes = profile.nodes as ProfileNode[]
  const total = nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0)
  const self = new Map<string, number>()
  for (const node of nodes) {
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0))
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([k, hits]) => `  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n')
}

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'recall-profile-'))
  await buildAll(outDir)
  const server = await serveFolder(outDir, 0)
  const { context, page, close } = await openProfile()
  try {
    await openBenchPage(page, server.url)
    // Seeded at version 4, as the bench seeds it: the first start below upgrades it.
    await page.evaluate(([n, now]) => window.bench.generate(n, now, 4), [SIZE, Date.now()] as const)
    await page.goto(server.url)
    await page.getByRole('button', { name: /^Study Bench deck 00:/ }).click({ timeout: 300_000 })
    await page.waitForSelector('[data-testid="question"]')
    let cdp = await context.newCDPSession(page)
    console.log(`grade loop, ${GRADES} grades, ${SIZE} cards (self time):\n${await profiled(cdp, () => gradeLoop(page, GRADES, 0))}`)
    await openBenchPage(page, server.url)
    cdp = await context.newCDPSession(page)
    for (const what of ['counts', 'stats', 'exam'] as const) {
      let ms = 0
      const top = await profiled(cdp, async () => (ms = await page.evaluate((w) => window.bench.once(w), what)))
      console.log(`\n${what} (${Math.round(ms)} ms, ${SIZE} cards, self time):\n${top}`)
    }
  } finally {
    await close()
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

void main()
