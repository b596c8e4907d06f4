import { loadavg } from 'node:os'
import { summarize } from './page/stats-util'

/** The 1-minute load average (os.loadavg) while a figure was measured: lowest and highest of samples every half second. */
export interface Load {
  min: number
  max: number
}

export interface Figure {
  name: string
  size: number
  median: number
  p95: number
  unit: string
  n: number
  env: 'chromium' | 'node'
  limit?: string
  limitMedian?: number
  limitP95?: number
  ratio?: number
  ratioP95?: number
  load?: Load
  target?: string
  verdict?: string
  note?: string
}

export function figure(name: string, size: number, samples: number[], unit: string, extra: Partial<Figure> = {}): Figure {
  const { median, p95, n } = summarize(samples)
  return judge({ name, size, median: round(median), p95: round(p95), unit, n, env: 'chromium', ...extra })
}

export function withLimit(f: Figure, limit: Figure): Figure {
  return judge({
    ...f,
    limit: limit.name,
    limitMedian: limit.median,
    limitP95: limit.p95,
    ratio: round(f.median / limit.median),
    ratioP95: round(f.p95 / limit.p95)
  })
}

export const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000)

/** Samples the load average until stopped: each figure prints the load it was measured under. */
export function loadMeter(): { stop(): Load } {
  const seen = [loadavg()[0]!]
  const timer = setInterval(() => seen.push(loadavg()[0]!), 500)
  return {
    stop() {
      clearInterval(timer)
      seen.push(loadavg()[0]!)
      return { min: round(Math.min(...seen)), max: round(Math.max(...seen)) }
    }
  }
}

const MB = 1024 * 1024

interface Target {
  text: string
  /** What misses, in words; empty when every bound is met. */
  misses(f: Figure): string[]
}

const atMost = (stat: 'median' | 'p95', bound: number, unit: string) => (f: Figure) =>
  f[stat] <= bound ? [] : [`${stat} ${fmt(f[stat])} ${unit} is ${fmt(f[stat] - bound)} ${unit} over ${bound} (${fmt(f[stat] / bound)}×)`]
const ratioAtMost = (stat: 'ratio' | 'ratioP95', bound: number) => (f: Figure) => {
  const value = f[stat]
  if (value === undefined) return ['no limit measured']
  return value <= bound ? [] : [`${stat === 'ratio' ? 'median' : 'p95'} ${fmt(value)}× its limit, over ${bound}×`]
}

/** Targets at 100,000 cards / ~1,000,000 logs on two cores (issue 23): goals to design for, printed beside each figure, never a test. */
const TARGETS: Record<string, Target> = {
  'grade-next-card-painted': {
    text: 'p95 ≤ 16 ms and ≤ 1.5× bare',
    misses: (f) => [...atMost('p95', 16, 'ms')(f), ...ratioAtMost('ratioP95', 1.5)(f)]
  },
  'stats-screen': { text: 'median ≤ 300 ms', misses: atMost('median', 300, 'ms') },
  'stats-screen-first': { text: '≤ 300 ms (no full rebuild on open)', misses: atMost('median', 300, 'ms') },
  'browse-open': { text: 'median ≤ 300 ms', misses: atMost('median', 300, 'ms') },
  'heap-browse-above-study': {
    text: '≤ 25 MB',
    misses: (f) => (f.median <= 25 * MB ? [] : [`${fmt(f.median / MB)} MB is ${fmt((f.median - 25 * MB) / MB)} MB over 25 MB`])
  },
  'browse-search': { text: 'median ≤ 100 ms', misses: atMost('median', 100, 'ms') },
  'browse-search-longest-task': { text: 'no task over 50 ms', misses: atMost('p95', 50, 'ms') },
  'import-apkg': { text: '≤ 1.3× the raw put', misses: ratioAtMost('ratio', 1.3) },
  'first-card-cold': { text: 'median ≤ 500 ms', misses: atMost('median', 500, 'ms') },
  'bundle-initial-js': {
    text: '≤ 200 kB at gzip -6',
    misses: (f) => (f.median <= 200 * 1024 ? [] : [`${fmt(f.median / 1024)} kB is ${fmt(f.median / 1024 - 200)} kB over 200 kB`])
  }
}

/** The figure with its target and the verdict, when the issue sets one for it. */
function judge(f: Figure): Figure {
  const target = TARGETS[f.name]
  if (!target) return f
  const misses = target.misses(f)
  return { ...f, target: target.text, verdict: misses.length === 0 ? 'met' : `MISSED: ${misses.join('; ')}` }
}

const fmt = (x: number) =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en') : Math.abs(x) >= 1 ? x.toFixed(1) : x === 0 ? '0' : x.toPrecision(2)

const value = (x: number, unit: string) =>
  unit === 'bytes' ? (Math.abs(x) >= MB ? `${fmt(x / MB)} MB` : `${fmt(x / 1024)} kB`) : `${fmt(x)}${unit === 'ms' ? '' : ` ${unit}`}`

/** One line per figure and size: median, p95, n, its limit, the ratio, the load, the target and the verdict. */
export function table(figures: Figure[], sizes: number[]): string {
  const names = [...new Set(figures.filter((f) => !f.name.startsWith('limit:')).map((f) => f.name))]
  const pad = (s: string, n: number) => s.padEnd(n)
  const lines = [
    `${pad('figure', 34)}${pad('cards', 8)}${pad('median / p95', 22)}${pad('n', 4)}${pad('limit median / p95', 22)}${pad('ratio', 14)}${pad('load', 11)}target → verdict`
  ]
  for (const name of names) {
    for (const size of sizes) {
      const f = figures.find((x) => x.name === name && x.size === size)
      if (!f) continue
      const limit = f.limit ? `${value(f.limitMedian!, f.unit)} / ${value(f.limitP95!, f.unit)}` : '—'
      const ratio = f.ratio !== undefined ? `${fmt(f.ratio)}× / ${fmt(f.ratioP95!)}×` : '—'
      const load = f.load ? `${f.load.min.toFixed(1)}–${f.load.max.toFixed(1)}` : ''
      const verdict = f.target ? `${f.target} → ${f.verdict}` : ''
      lines.push(
        `${pad(name, 34)}${pad(String(size), 8)}${pad(`${value(f.median, f.unit)} / ${value(f.p95, f.unit)}`, 22)}${pad(String(f.n), 4)}${pad(limit, 22)}${pad(ratio, 14)}${pad(load, 11)}${verdict}`
      )
    }
  }
  lines.push(
    '(ms unless named; ratio = median ÷ limit median / p95 ÷ limit p95, same run, interleaved; load = 1-min load average during the figure; the targets are set for 100,000 cards)'
  )
  return lines.join('\n')
}
