import { summarize } from './page/stats-util'

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
  note?: string
}

export function figure(name: string, size: number, samples: number[], unit: string, extra: Partial<Figure> = {}): Figure {
  const { median, p95, n } = summarize(samples)
  return { name, size, median: round(median), p95: round(p95), unit, n, env: 'chromium', ...extra }
}

export function withLimit(f: Figure, limit: Figure): Figure {
  return {
    ...f,
    limit: limit.name,
    limitMedian: limit.median,
    limitP95: limit.p95,
    ratio: round(f.median / limit.median),
    ratioP95: round(f.p95 / limit.p95)
  }
}

export const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000)

/** Targets at the largest size (issue 9): figure name → [statistic, bound in its unit]. */
const TARGETS: Record<string, ['median' | 'p95', number]> = {
  'grade-next-card-dom': ['p95', 16],
  'grade-next-card-painted': ['p95', 16],
  queue: ['p95', 50],
  counts: ['p95', 50],
  'first-card': ['median', 1000],
  'import-10k': ['median', 2000],
  stats: ['median', 500],
  'stats-after-study': ['median', 500]
}

export function table(figures: Figure[], sizes: number[]): string {
  const ours = [...new Set(figures.filter((f) => !f.name.startsWith('limit:')).map((f) => f.name))]
  const pad = (s: string, n: number) => s.padEnd(n)
  const lines = [
    `${pad('figure', 26)}${sizes.map((s) => pad(`${s} median/p95`, 22)).join('')}${pad('ratio@max', 11)}${pad('growth', 9)}target`
  ]
  for (const name of ours) {
    const at = (size: number) => figures.find((f) => f.name === name && f.size === size)
    const cells = sizes.map((s) => {
      const f = at(s)
      return pad(f ? `${fmt(f.median)}/${fmt(f.p95)} ${f.unit}` : '-', 22)
    })
    const last = at(sizes.at(-1)!)
    const first = at(sizes[0]!)
    const growth = first && last ? last.median / first.median : NaN
    const target = TARGETS[name]
    const verdict = target && last ? `${target[0]} < ${target[1]}: ${last[target[0]] < target[1] ? 'met' : 'MISSED'}` : ''
    lines.push(
      `${pad(name, 26)}${cells.join('')}${pad(last?.ratio !== undefined ? `${fmt(last.ratio)}×${last.ratio <= 3 ? '' : ' !'}` : '', 11)}${pad(Number.isFinite(growth) ? `${fmt(growth)}×` : '', 9)}${verdict}`
    )
  }
  lines.push(
    `(growth = median at ${sizes.at(-1)} ÷ median at ${sizes[0]}; the collection grew ${sizes.at(-1)! / sizes[0]!}×. ratio = our median ÷ its limit's median, same size.)`
  )
  return lines.join('\n')
}

const fmt = (x: number) => (x >= 100 ? String(Math.round(x)) : x >= 1 ? x.toFixed(1) : x.toPrecision(2))
