/**
 * The arithmetic of the statistics' plain SVG charts (`PlainCharts.tsx`): axis ticks, which
 * category labels fit, where bars go, and each series drawn as one path. Pure, so the charts'
 * shapes are worked out once per figures and width, and tested without a browser.
 */

/** Left and bottom room for the axes' labels, as the recharts charts had them (a 60 px axis less a 16 px margin). */
const Y_AXIS_WIDTH = 44
const X_AXIS_HEIGHT = 30
const MARGIN = { top: 8, right: 8 } as const
/** Tick labels' font size (px), and an estimate of a character's width in it, for fitting labels without measuring them. */
export const TICK_FONT = 12
const CHAR_WIDTH = 7

export const labelWidth = (label: string) => label.length * CHAR_WIDTH

/**
 * About five round ticks from 0 to at least `max` (1, 2, 2.5 or 5 times a power of ten apart;
 * whole numbers unless `decimals`). An empty chart gets 0 to 4.
 */
export function niceTicks(max: number, decimals = false): number[] {
  if (!(max > 0)) return [0, 1, 2, 3, 4]
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * power).filter((s) => decimals || Number.isInteger(s))
  const step = steps.find((s) => s >= rough) ?? Math.max(1, Math.ceil(rough))
  const top = Math.ceil(max / step - 1e-9) * step
  const ticks: number[] = []
  for (let i = 0; i * step <= top + step / 1e6; i++) ticks.push(Number((i * step).toPrecision(12)))
  return ticks
}

/**
 * Which category labels are shown: the first and the last always, and between them every k-th,
 * k the smallest step at which labels `gap` px apart fit in their bands.
 */
export function shownLabels(labels: string[], band: number, gap: number): number[] {
  const n = labels.length
  if (n === 0) return []
  const widest = Math.max(...labels.map(labelWidth))
  const step = Math.max(1, Math.ceil((widest + gap) / Math.max(band, 1e-6)))
  const shown: number[] = []
  for (let i = 0; i < n; i += step) shown.push(i)
  const last = n - 1
  if (shown[shown.length - 1] !== last) {
    // The last label replaces the one before it when the two would overlap.
    if (shown.length > 1 && (last - shown[shown.length - 1]!) * band < widest + gap) shown.pop()
    shown.push(last)
  }
  return shown
}

export interface Plot {
  left: number
  top: number
  width: number
  height: number
}

/** The drawing area of a chart `width` × `height` px, less the axes and margins. */
export function plotArea(width: number, height: number, legendHeight = 0): Plot {
  return {
    left: Y_AXIS_WIDTH,
    top: MARGIN.top,
    width: Math.max(0, width - Y_AXIS_WIDTH - MARGIN.right),
    height: Math.max(0, height - MARGIN.top - X_AXIS_HEIGHT - legendHeight)
  }
}

const round = (v: number) => Math.round(v * 100) / 100

/**
 * Each series of a bar chart as one SVG path of rectangles (`M x y h w v h h -w Z` per bar),
 * grouped side by side in each category's band (10 % of the band left between groups, 4 px
 * between a group's bars, each at most `maxBar` px wide). Zero-height bars draw nothing.
 */
export function barPaths(series: number[][], top: number, plot: Plot, maxBar = 48): string[] {
  const n = series[0]?.length ?? 0
  if (n === 0 || top <= 0) return series.map(() => '')
  const band = plot.width / n
  const group = band * 0.8
  const gap = series.length > 1 ? 4 : 0
  const bar = Math.max(1, Math.min(maxBar, (group - gap * (series.length - 1)) / series.length))
  const used = bar * series.length + gap * (series.length - 1)
  const bottom = plot.top + plot.height
  return series.map((values, s) => {
    let d = ''
    for (let i = 0; i < n; i++) {
      const value = values[i] ?? 0
      if (!(value > 0)) continue
      const h = (value / top) * plot.height
      const x = plot.left + i * band + (band - used) / 2 + s * (bar + gap)
      d += `M${round(x)} ${round(bottom - h)}h${round(bar)}v${round(h)}h${round(-bar)}Z`
    }
    return d
  })
}

/** A line through a series' points in the middle of each band; missing values are skipped, the line joining across them. */
export function linePoints(values: Array<number | null>, domainTop: number, plot: Plot): Array<[number, number] | null> {
  const band = plot.width / Math.max(1, values.length)
  return values.map((v, i) =>
    v === null ? null : [round(plot.left + (i + 0.5) * band), round(plot.top + plot.height - (v / domainTop) * plot.height)]
  )
}

export function linePath(points: Array<[number, number] | null>): string {
  return points
    .filter((p): p is [number, number] => p !== null)
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`)
    .join('')
}

/** Ring slices from 12 o'clock clockwise, one path each, for values ≥ 0 (a whole ring when one value is all). */
export function ringPaths(values: number[], cx: number, cy: number, inner: number, outer: number): string[] {
  const total = values.reduce((a, b) => a + b, 0)
  if (total <= 0) return values.map(() => '')
  let angle = 0
  const at = (r: number, a: number) => `${round(cx + r * Math.sin(a))} ${round(cy - r * Math.cos(a))}`
  return values.map((v) => {
    if (v <= 0) return ''
    const sweep = (v / total) * 2 * Math.PI
    const from = angle
    angle += sweep
    if (sweep >= 2 * Math.PI - 1e-9) {
      // Two half rings: an arc cannot start and end at the same point.
      return (
        `M${at(outer, 0)}A${outer} ${outer} 0 1 1 ${at(outer, Math.PI)}A${outer} ${outer} 0 1 1 ${at(outer, 0)}Z` +
        `M${at(inner, 0)}A${inner} ${inner} 0 1 0 ${at(inner, Math.PI)}A${inner} ${inner} 0 1 0 ${at(inner, 0)}Z`
      )
    }
    const large = sweep > Math.PI ? 1 : 0
    return (
      `M${at(outer, from)}A${outer} ${outer} 0 ${large} 1 ${at(outer, angle)}` +
      `L${at(inner, angle)}A${inner} ${inner} 0 ${large} 0 ${at(inner, from)}Z`
    )
  })
}
