import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serveFolder } from '../static-server'
import { buildAll, openBenchPage, openProfile } from './browser-setup'
import { scriptOptions } from './script-options'

/**
 * `RECALL_BENCH_MINIFY=0 npx tsx scripts/bench/sync-profile.ts [--cards 2000] [--reviews 10000]`:
 * where a sync's long tasks come from. The bench's sync step (another device's year merged by
 * `syncNow`, scripts/bench/sync-run.ts) under a CDP CPU profile; the samples are cut into the
 * page's busy stretches (no idle sample between them), and the longest stretches are printed with
 * the functions that held them (self time, and the outermost app frames). Evidence for
 * docs/performance.md and docs/sync.md, not a figure.
 */
const { option } = scriptOptions()
const CARDS = Number(option('cards', '2000'))
const REVIEWS = Number(option('reviews', '10000'))

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)'])

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'recall-sync-profile-'))
  await buildAll(outDir)
  const server = await serveFolder(outDir, 0)
  const { context, page, close } = await openProfile()
  try {
    await openBenchPage(page, server.url)
    const made = await page.evaluate(([c, r]) => window.bench.sync.prepareSync(c, r), [CARDS, REVIEWS] as const)
    console.log(`prepared: ${JSON.stringify(made)}`)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    await cdp.send('Profiler.start')
    const run = await page.evaluate(() => window.bench.sync.runSync())
    const { profile } = await cdp.send('Profiler.stop')
    console.log(`sync: ${JSON.stringify(run)}`)
    const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]))
    const parent = new Map<number, number>()
    for (const n of nodes.values()) for (const c of n.children ?? []) parent.set(c, n.id)
    const name = (id: number) => {
      const f = nodes.get(id)!.callFrame
      return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`
    }
    // Busy stretches: consecutive samples outside idle; a gap of idle ends one.
    const samples = profile.samples as number[]
    const deltas = profile.timeDeltas as number[]
    const stretches: Array<{ ms: number; ids: number[] }> = []
    let current: { ms: number; ids: number[] } | undefined
    samples.forEach((id, i) => {
      const idle = IDLE.has(nodes.get(id)!.callFrame.functionName)
      const dt = (deltas[i + 1] ?? 0) / 1000
      if (idle) {
        if (current) stretches.push(current)
        current = undefined
        return
      }
      current ??= { ms: 0, ids: [] }
      current.ms += dt
      current.ids.push(id)
    })
    if (current) stretches.push(current)
    stretches.sort((a, b) => b.ms - a.ms)
    console.log(`${stretches.filter((s) => s.ms > 50).length} busy stretches over 50 ms`)
    for (const stretch of stretches.slice(0, 6)) {
      const self = new Map<string, number>()
      const inclusive = new Map<string, number>()
      for (const id of stretch.ids) {
        self.set(name(id), (self.get(name(id)) ?? 0) + 1)
        const seen = new Set<string>()
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
          const n = name(at)
          if (!seen.has(n)) inclusive.set(n, (inclusive.get(n) ?? 0) + 1)
          seen.add(n)
        }
      }
      const top = (m: Map<string, number>, k: number) =>
        [...m.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([n, c]) => `    ${((100 * c) / stretch.ids.length).toFixed(0).padStart(3)} %  ${n}`)
          .join('\n')
      console.log(`\nstretch of ${Math.round(stretch.ms)} ms — self:\n${top(self, 8)}\n  inclusive:\n${top(inclusive, 25)}`)
    }
  } finally {
    await close()
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

void main()
