import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CDPSession } from 'playwright-core'
import { firstStart } from './app-flows'
import { buildsInTurn, loadInApp, openBenchPage } from './browser-setup'
import { scriptOptions } from './script-options'

/**
 * `npx tsx scripts/bench/stats-screen.ts --size 10000 --opens 6 --builds before=/tmp/a,after=/tmp/b [--profile]`:
 * the statistics screen alone, for working on it. A build folder that has no index.html yet is
 * built from the working tree first. The collection is seeded once per size into a Chromium
 * profile kept in `--state` (default /tmp/recall-stats-<size>), served on a fixed port so that
 * the builds share its IndexedDB; then each opening (from a fresh load, as the bench's
 * `stats-screen`) alternates the builds. With `--profile`, one more opening per build is CPU
 * profiled (CDP) and its self time summed by script file and by function. Evidence for
 * docs/performance.md, not a bench figure.
 */
const { option, flag, builds } = scriptOptions()
const SIZE = Number(option('size', '10000'))
const OPENS = Number(option('opens', '6'))
const PORT = Number(option('port', '47613'))
const STATE = option('state', `/tmp/recall-stats-${SIZE}`)
const BUILDS = builds('current=/tmp/recall-stats-build')
const PROFILE = flag('profile')

const log = (message: string) => console.error(`[stats] ${message}`)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
}

function summarise(profile: { nodes: ProfileNode[]; startTime: number; endTime: number }) {
  const total = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0)
  const ms = (profile.endTime - profile.startTime) / 1000
  const byFile = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    const file =
      url
        .split('/')
        .pop()
        ?.replace(/-[\w-]{8}\.js$/, '.js') ||
      functionName ||
      '(native)'
    const hits = node.hitCount ?? 0
    byFile.set(file, (byFile.get(file) ?? 0) + hits)
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits)
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, hits]) => `  ${((ms * hits) / total).toFixed(0).padStart(5)} ms  ${k}`)
      .join('\n')
  return `by file (of ${Math.round(ms)} ms profiled):\n${top(byFile, 12)}\nby function:\n${top(byFunction, 25)}`
}

async function main() {
  // One origin for every build (the same IndexedDB): the server's root is a link moved between them.
  const { server, serve: serveBuild, context, page } = await buildsInTurn(BUILDS, STATE, PORT)
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true })
  const open = async (cdp?: CDPSession) => {
    await page.goto(server.url)
    await page
      .getByRole('button', { name: /^Study / })
      .first()
      .waitFor({ timeout: 300_000 })
    await loadInApp(page, server.url)
    await page.waitForTimeout(500)
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await cdp.send('Profiler.start')
    }
    await page.evaluate(() => window.benchInApp.armScreen('stats', 'click'))
    await nav('Statistics').click()
    const sample = await page.evaluate(() => window.benchInApp.screenResult())
    const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null
    return { sample, profile }
  }
  try {
    if (!existsSync(join(STATE, 'seeded'))) {
      log(`seeding ${SIZE} cards`)
      await openBenchPage(page, server.url)
      await page.evaluate(([n, now]) => window.bench.generate(n, now, 4), [SIZE, Date.now()] as const)
      await firstStart(page, server.url, 'Bench deck 00')
      await openBenchPage(page, server.url)
      await page.evaluate((now) => window.bench.afterFirstStart(now), Date.now())
      log('first statistics opening (counts the log in the background)')
      const first = await open()
      log(`first opening: ${Math.round(first.sample.painted)} ms, complete ${first.sample.complete}`)
      await writeFile(join(STATE, 'seeded'), new Date().toISOString())
    }
    const results = new Map<string, Array<Awaited<ReturnType<typeof open>>['sample']>>(BUILDS.map(([name]) => [name, []]))
    for (let i = 0; i < OPENS; i++) {
      for (const [name, dir] of i % 2 === 0 ? BUILDS : [...BUILDS].reverse()) {
        await serveBuild(dir)
        const { sample } = await open()
        results.get(name)!.push(sample)
        log(
          `${name}: painted ${Math.round(sample.painted)} ms, first ${Math.round(sample.firstPainted)}, longest task ${Math.round(sample.longestTask)} (${sample.longTasks})`
        )
      }
    }
    for (const [name, samples] of results) {
      const m = (f: (s: (typeof samples)[number]) => number) => Math.round(median(samples.map(f)))
      console.log(
        JSON.stringify({
          build: name,
          size: SIZE,
          n: samples.length,
          painted: m((s) => s.painted),
          firstPainted: m((s) => s.firstPainted),
          longestTask: m((s) => s.longestTask),
          longTasks: m((s) => s.longTasks),
          all: samples.map((s) => Math.round(s.painted))
        })
      )
    }
    if (PROFILE) {
      for (const [name, dir] of BUILDS) {
        await serveBuild(dir)
        const cdp = await context.newCDPSession(page)
        const { sample, profile } = await open(cdp)
        console.log(`\n${name}, profiled opening (${Math.round(sample.painted)} ms painted):\n${summarise(profile!)}`)
        await cdp.detach()
      }
    }
  } finally {
    await context.close()
    await server.close()
  }
}

void main()
