import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CDPSession } from 'playwright-core'
import { firstStart, thinkTimeGrades } from './app-flows'
import { buildsInTurn, loadInApp, openBenchPage, startUpBackup } from './browser-setup'
import { thinkTimes } from './think-time'
import { scriptOptions } from './script-options'

/**
 * `npx tsx scripts/bench/grade-trace.ts --size 100000 --rounds 2 --grades 6 --builds before=/tmp/a,after=/tmp/b [--trace 4]`:
 * the grade → next card figure alone, for working on it (issue 23). A build folder without
 * index.html is built from the working tree first. The collection is seeded once per size into
 * a Chromium profile kept in `--state` (default /tmp/recall-grade-<size>), served on a fixed port
 * so that the builds share its IndexedDB, and its log counted into the statistics' rollup before
 * any grade. Each round studies Bench deck 00 with each build in turn: `--grades` grades after
 * 1–8 s think times, each followed by a sample of the bench's bare limit (app-flows.ts). With
 * `--trace n`, n more grades per build are traced (Chromium's trace: the page's main thread, V8's
 * samples, IndexedDB in the browser) and each is broken down from the key to the painted frame;
 * the trace is kept in `--state` (`trace-<build>.json`), and `--analyse <file>` breaks one down
 * again. For readable function names, build with `minify: false` (scripts/renderer-config.ts).
 * Evidence for docs/performance.md, not a bench figure.
 */
const { option, builds } = scriptOptions()
const SIZE = Number(option('size', '10000'))
const ROUNDS = Number(option('rounds', '2'))
const GRADES = Number(option('grades', '6'))
const TRACED = Number(option('trace', '0'))
const PORT = Number(option('port', '47623'))
const STATE = option('state', `/tmp/recall-grade-${SIZE}`)
const BUILDS = builds('current=/tmp/recall-grade-build')
const DECK = 'Bench deck 00'

const log = (message: string) => console.error(`[grade] ${message}`)
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN
const round1 = (x: number) => Math.round(10 * x) / 10

/** In the page before its own scripts: user-timing marks the trace can be cut by (the key; the next question in the DOM). */
function gradeMarks() {
  if (location.pathname.includes('/bench/')) return
  window.addEventListener('keydown', (event) => /^[1-4]$/.test(event.key) && performance.mark('grade-key'), true)
  let text: string | null = null
  new MutationObserver(() => {
    const q = document.querySelector('[data-testid="question"]')
    if (q && q.textContent !== text) {
      text = q.textContent
      performance.mark('question-shown')
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => performance.mark('question-painted')
        channel.port2.postMessage(0)
      })
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
}

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  id?: string
  args?: { name?: string; data?: Record<string, unknown> } & Record<string, unknown>
}

interface CpuNode {
  id: number
  parent?: number
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number }
}

async function traced(cdp: CDPSession, run: () => Promise<unknown>): Promise<TraceEvent[]> {
  const categories = [
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'blink.user_timing',
    'disabled-by-default-v8.cpu_profiler',
    'v8.execute',
    'IndexedDB'
  ]
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } })
  await run()
  const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)))
  await cdp.send('Tracing.end')
  const stream = await complete
  let text = ''
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 })
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data
    if (chunk.eof) break
  }
  await cdp.send('IO.close', { handle: stream })
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] }
  return Array.isArray(parsed) ? parsed : parsed.traceEvents
}

/** Each traced grade, key → painted: what the page's main thread did, V8's self time by function, and IndexedDB's work in the browser. */
function breakDown(events: TraceEvent[]): string {
  const marks = events.filter(
    (e) => e.cat.includes('blink.user_timing') && ['grade-key', 'question-shown', 'question-painted'].includes(e.name)
  )
  const main = marks[0]
  if (!main) return '  (no marks in the trace)'
  const { pid, tid } = main
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
  // V8's samples of the main thread, on the trace's clock (each thread's profile has its own id).
  const profileId = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid)?.id
  const nodes = new Map<number, CpuNode>()
  const samples: Array<{ ts: number; node: number }> = []
  let sampleTs = 0
  for (const e of events) {
    if (e.pid !== pid || e.id !== profileId) continue
    if (e.name === 'Profile') sampleTs = (e.args?.data?.startTime as number | undefined) ?? sampleTs
    if (e.name !== 'ProfileChunk') continue
    const data = e.args!.data as { cpuProfile?: { nodes?: CpuNode[]; samples?: number[] }; timeDeltas?: number[] }
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node)
    const ids = data.cpuProfile?.samples ?? []
    ids.forEach((node, i) => {
      sampleTs += data.timeDeltas?.[i] ?? 0
      samples.push({ ts: sampleTs, node })
    })
  }
  const nameOf = (node: CpuNode | undefined) => {
    if (!node) return '?'
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    const file =
      (url ?? '')
        .split('/')
        .pop()
        ?.replace(/-[\w-]{8}\.js$/, '.js') ?? ''
    return `${functionName || '(anonymous)'} ${file}${file ? `:${(lineNumber ?? 0) + 1}:${(columnNumber ?? 0) + 1}` : ''}`
  }
  const idb = events.filter((e) => e.cat.includes('IndexedDB') && e.ph === 'X' && e.dur !== undefined)
  const out: string[] = []
  const keys = marks.filter((m) => m.name === 'grade-key')
  keys.forEach((key, i) => {
    const painted = marks.find((m) => m.name === 'question-painted' && m.ts > key.ts)
    const shown = marks.find((m) => m.name === 'question-shown' && m.ts > key.ts)
    if (!painted || !shown || (keys[i + 1] && painted.ts > keys[i + 1]!.ts)) return
    const [from, to] = [key.ts, painted.ts]
    const within = (e: TraceEvent) => e.ts < to && e.ts + e.dur! > from
    const clip = (e: TraceEvent) => (Math.min(to, e.ts + e.dur!) - Math.max(from, e.ts)) / 1000
    // Top-level tasks, then what ran inside them by kind.
    const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && within(e))
    const busy = tasks.reduce((n, e) => n + clip(e), 0)
    const kinds = new Map<string, number>()
    for (const e of onMain)
      if (within(e) && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') {
        const label = e.name === 'EventDispatch' || e.name === 'TimerFire' ? `${e.name} ${(e.args?.data?.type as string) ?? ''}` : e.name
        kinds.set(label, (kinds.get(label) ?? 0) + clip(e))
      }
    const self = new Map<string, number>()
    const inWindow = samples.filter((s) => s.ts >= from && s.ts < to)
    inWindow.forEach((s, j) => {
      const next = inWindow[j + 1]?.ts ?? to
      const label = nameOf(nodes.get(s.node))
      self.set(label, (self.get(label) ?? 0) + (next - s.ts) / 1000)
    })
    // The tasks in order: when each began after the key, how long it ran, and what it was for.
    const steps = tasks
      .sort((a, b) => a.ts - b.ts)
      .map((t) => {
        const inner = onMain
          .filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur! && !e.name.startsWith('V8.') && e.name !== 'RunMicrotasks')
          .sort((a, b) => b.dur! - a.dur!)[0]
        const what = inner
          ? inner.name === 'EventDispatch'
            ? `EventDispatch ${(inner.args?.data?.type as string) ?? ''}`
            : inner.name
          : ''
        return `${((t.ts - from) / 1000).toFixed(1)}+${(t.dur! / 1000).toFixed(1)} ${what}`
      })
    // V8's time by what the task was for: self time and time with callees (once per sample), per function.
    const groupOf = (ts: number) => {
      const t = tasks.find((x) => ts >= x.ts && ts < x.ts + x.dur!)
      const label = t ? steps[tasks.indexOf(t)]!.split(' ').slice(1).join(' ') : 'between tasks'
      return label.startsWith('IDBRequest') ? 'IDBRequest results' : label
    }
    const groups = new Map<string, { self: Map<string, number>; total: Map<string, number>; ms: number }>()
    inWindow.forEach((sample, j) => {
      const ms = ((inWindow[j + 1]?.ts ?? to) - sample.ts) / 1000
      const g = groupOf(sample.ts)
      const group = groups.get(g) ?? { self: new Map(), total: new Map(), ms: 0 }
      groups.set(g, group)
      group.ms += ms
      const leaf = nodes.get(sample.node)
      group.self.set(nameOf(leaf), (group.self.get(nameOf(leaf)) ?? 0) + ms)
      const seen = new Set<string>()
      for (let n = leaf; n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
        const label = nameOf(n)
        if (seen.has(label)) continue
        seen.add(label)
        group.total.set(label, (group.total.get(label) ?? 0) + ms)
      }
    })
    const storage = new Map<string, number>()
    for (const e of idb) if (within(e)) storage.set(e.name, (storage.get(e.name) ?? 0) + clip(e))
    const top = (m: Map<string, number>, n: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .filter(([, ms]) => ms >= 0.05)
        .map(([k, ms]) => `      ${ms.toFixed(2).padStart(7)} ms  ${k}`)
        .join('\n')
    out.push(
      `  grade ${i + 1}: key → in the DOM ${((shown.ts - from) / 1000).toFixed(1)} ms → painted ${((to - from) / 1000).toFixed(1)} ms; main thread busy ${busy.toFixed(1)} ms in ${tasks.length} tasks`,
      `    tasks (ms after the key + ms long, what):\n      ${steps.filter((x) => !x.endsWith(' ')).join('\n      ')}`,
      `    main thread, by event (nested events counted in each):\n${top(kinds, 16)}`,
      `    V8 self time by function:\n${top(self, 16)}`,
      ...[...groups.entries()]
        .filter(([, g]) => g.ms >= 1)
        .map(
          ([name, g]) =>
            `    in ${name} (${g.ms.toFixed(1)} ms sampled), self:\n${top(g.self, 10)}\n      with callees:\n${top(g.total, 22)}`
        ),
      `    IndexedDB (browser and renderer):\n${top(storage, 12)}`
    )
  })
  return out.join('\n')
}

async function main() {
  const saved = option('analyse', '')
  if (saved) return console.log(breakDown(JSON.parse(await readFile(saved, 'utf8')) as TraceEvent[]))
  const { server, serve: serveBuild, context, page } = await buildsInTurn(BUILDS, STATE, PORT, [gradeMarks])
  const study = async () => {
    await page.goto(server.url)
    await page.getByRole('button', { name: new RegExp(`^Study ${DECK}:`) }).click({ timeout: 300_000 })
    await page.waitForSelector('[data-testid="question"]')
    await loadInApp(page, server.url)
  }
  try {
    if (!existsSync(join(STATE, 'seeded'))) {
      log(`seeding ${SIZE} cards`)
      await openBenchPage(page, server.url)
      await page.evaluate(([n, now]) => window.bench.generate(n, now, 4), [SIZE, Date.now()] as const)
      await firstStart(page, server.url, DECK)
      await startUpBackup(page)
      await openBenchPage(page, server.url)
      await page.evaluate((now) => window.bench.afterFirstStart(now), Date.now())
      log('counting the log into the rollup (the first statistics opening)')
      await page.goto(server.url)
      await page
        .getByRole('button', { name: /^Study / })
        .first()
        .waitFor({ timeout: 300_000 })
      await loadInApp(page, server.url)
      await page.evaluate(() => window.benchInApp.armScreen('stats', 'click'))
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Statistics', exact: true }).click()
      const first = await page.evaluate(() => window.benchInApp.screenResult())
      log(`statistics complete: ${first.complete}`)
      await writeFile(join(STATE, 'seeded'), new Date().toISOString())
    }
    const results = new Map(
      BUILDS.map(([name]) => [name, { app: [] as number[], bare: [] as number[], appDom: [] as number[], write: [] as number[] }])
    )
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, dir] of r % 2 === 0 ? BUILDS : [...BUILDS].reverse()) {
        await serveBuild(dir)
        await study()
        const grades = await thinkTimeGrades(page, server.url, GRADES, thinkTimes(2 * GRADES, 23 + SIZE + 100 * r))
        const into = results.get(name)!
        into.app.push(...grades.app.painted)
        into.appDom.push(...grades.app.dom)
        into.bare.push(...grades.bare.painted)
        into.write.push(...grades.bare.write)
        log(`${name}: painted ${grades.app.painted.map(Math.round).join(', ')}; bare ${grades.bare.painted.map(Math.round).join(', ')}`)
      }
    }
    for (const [name, s] of results) {
      if (s.app.length === 0) continue
      const m = (xs: number[]) => `${round1(quantile(xs, 0.5))} / ${round1(quantile(xs, 0.95))}`
      console.log(
        JSON.stringify({
          build: name,
          size: SIZE,
          n: s.app.length,
          painted: m(s.app),
          dom: m(s.appDom),
          bare: m(s.bare),
          bareWrite: m(s.write),
          ratio: round1((100 * quantile(s.app, 0.5)) / quantile(s.bare, 0.5)) / 100,
          ratioP95: round1((100 * quantile(s.app, 0.95)) / quantile(s.bare, 0.95)) / 100,
          all: s.app.map(Math.round),
          allBare: s.bare.map(Math.round)
        })
      )
    }
    if (TRACED > 0) {
      for (const [name, dir] of BUILDS) {
        await serveBuild(dir)
        await study()
        const cdp = await context.newCDPSession(page)
        const events = await traced(cdp, async () => {
          for (let i = 0; i < TRACED; i++) {
            await page.keyboard.press('Space')
            await page.waitForSelector('[data-testid="answer"]', { timeout: 10_000 })
            await page.waitForTimeout(1500 + 500 * (i % 3))
            const before = await page.evaluate(() => performance.getEntriesByName('question-painted').length)
            await page.keyboard.press('3')
            await page.waitForFunction((n) => performance.getEntriesByName('question-painted').length > n, before, { polling: 10 })
            await page.waitForTimeout(300)
          }
        })
        await cdp.detach()
        await writeFile(join(STATE, `trace-${name}.json`), JSON.stringify(events))
        console.log(`\n${name}, ${TRACED} traced grades at ${SIZE} cards:\n${breakDown(events)}`)
      }
    }
  } finally {
    await context.close()
    await server.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
