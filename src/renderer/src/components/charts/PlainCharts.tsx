import {
  barPaths,
  labelWidth,
  linePath,
  linePoints,
  niceTicks,
  plotArea,
  ringPaths,
  shownLabels,
  TICK_FONT,
  type Plot
} from '@components/charts/chart-geometry'
import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react'

/**
 * The statistics' charts as plain SVG: each series one precomputed path, the axes a handful of
 * lines and labels, drawn in the render that mounts them. Recharts drew the same charts with a
 * measuring pass (ResizeObserver, then getBoundingClientRect of every tick label) and its store
 * and selectors: 60 % of the screen's opening at 10,000 cards (see docs/performance.md).
 *
 * They keep recharts' look (colours, axes, legend, tooltip, the hover band) and its class names
 * (`recharts-wrapper`, `recharts-surface`, `recharts-legend-item`, `recharts-bar-rectangle`), which
 * the end-to-end tests and the bench use to find a drawn chart, its legend and its bars. Each is
 * an image named by `labelledBy` (its heading and summary), never a Tab stop: the figures are in
 * the table beside it.
 */

export interface ChartSeries {
  key: string
  name: string
  colour: string
  values: Array<number | null>
}

/** The width of the element `ref` holds, read before the first paint and again when it is resized. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

interface Hover {
  index: number
  x: number
  y: number
}

/** Which category band the pointer is over, and where, for the tooltip. */
function useHover(plot: Plot, n: number) {
  const [hover, setHover] = useState<Hover | null>(null)
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    const x = event.clientX - box.left
    const y = event.clientY - box.top
    const index = Math.floor(((x - plot.left) / plot.width) * n)
    setHover(index >= 0 && index < n && y >= plot.top && y <= plot.top + plot.height ? { index, x, y } : null)
  }
  return { hover, onPointerMove, onPointerLeave: () => setHover(null) }
}

function TooltipBox({ hover, width, label, rows }: { hover: Hover; width: number; label?: string; rows: ReactNode }) {
  const left = hover.x + 170 > width ? Math.max(0, hover.x - 170) : hover.x + 12
  return (
    <div
      className="pointer-events-none absolute z-10 rounded-md bg-white px-3 py-2 text-sm whitespace-nowrap text-slate-900 shadow-md ring-1 ring-slate-200 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600"
      style={{ left, top: Math.max(0, hover.y - 20) }}
    >
      {label !== undefined && <p className="font-medium">{label}</p>}
      {rows}
    </div>
  )
}

function TooltipRow({ colour, name, value }: { colour: string; name: string; value: string }) {
  return (
    <p className="tabular-nums">
      <span aria-hidden className="me-1 inline-block size-2 rounded-full" style={{ backgroundColor: colour }} />
      {name}: {value}
    </p>
  )
}

const LEGEND_HEIGHT = 28

/** Each series' swatch (a graphic, in its colour) and name (in the scheme's text colour, 4.5:1). */
function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <div className="recharts-legend-wrapper" style={{ height: LEGEND_HEIGHT }}>
      <ul className="recharts-default-legend flex flex-wrap justify-center gap-x-3 pt-1 text-sm">
        {series.map((s) => (
          <li key={s.key} className="recharts-legend-item flex items-center gap-1">
            <svg className="recharts-surface" width={14} height={14} viewBox="0 0 32 32" aria-hidden>
              <path className="recharts-legend-icon" fill={s.colour} d="M0 4h32v24H0z" />
            </svg>
            <span className="recharts-legend-item-text">
              <span className="text-slate-700 dark:text-slate-300">{s.name}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The grid's horizontal lines, the two axis lines, and the labels of the y ticks and of the categories that fit. */
function Axes({
  plot,
  ticks,
  top,
  labels,
  shown,
  unit = ''
}: {
  plot: Plot
  ticks: number[]
  top: number
  labels: string[]
  shown: number[]
  unit?: string
}) {
  const bottom = plot.top + plot.height
  const band = plot.width / Math.max(1, labels.length)
  const y = (v: number) => bottom - (v / top) * plot.height
  return (
    <g fontSize={TICK_FONT}>
      <path
        d={ticks.map((t) => `M${plot.left} ${y(t)}h${plot.width}`).join('')}
        stroke="currentColor"
        strokeOpacity={0.12}
        fill="none"
        className="recharts-cartesian-grid"
      />
      <path d={`M${plot.left} ${plot.top}V${bottom}H${plot.left + plot.width}`} stroke="currentColor" strokeOpacity={0.4} fill="none" />
      {ticks.map((t) => (
        <text key={t} x={plot.left - 8} y={y(t)} dy="0.355em" textAnchor="end" fill="currentColor">
          {`${t.toLocaleString()}${unit}`}
        </text>
      ))}
      {shown.map((i) => (
        <text key={i} x={plot.left + (i + 0.5) * band} y={bottom + 8} dy="0.71em" textAnchor="middle" fill="currentColor">
          {labels[i]}
        </text>
      ))}
    </g>
  )
}

interface CartesianProps {
  labels: string[]
  series: ChartSeries[]
  height: number
  labelledBy: string
  legend?: boolean
  /** The least room between two category labels: labels that would come closer are left out (the first and last stay). */
  minLabelGap?: number
  format?: (value: number) => string
}

/** Bars for one or more series side by side in each category, on a y axis of whole numbers from 0. */
export function PlainBarChart({ labels, series, height, labelledBy, legend = false, minLabelGap = 5, format }: CartesianProps) {
  const ref = useRef<HTMLDivElement>(null)
  const width = useWidth(ref)
  const svgHeight = height - (legend ? LEGEND_HEIGHT : 0)
  const plot = plotArea(width, svgHeight)
  const drawn = useMemo(() => {
    const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)))
    const ticks = niceTicks(max)
    const top = ticks[ticks.length - 1]!
    const paths = barPaths(
      series.map((s) => s.values.map((v) => v ?? 0)),
      top,
      plot
    )
    return { ticks, top, paths, shown: shownLabels(labels, plot.width / Math.max(1, labels.length), minLabelGap) }
    // plot is derived from width and svgHeight
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, labels, width, svgHeight, minLabelGap])
  const { hover, onPointerMove, onPointerLeave } = useHover(plot, labels.length)
  const band = plot.width / Math.max(1, labels.length)
  return (
    <div ref={ref} className="recharts-wrapper relative w-full" style={{ height }}>
      <svg
        className="recharts-surface block"
        width={width}
        height={svgHeight}
        role="img"
        aria-labelledby={labelledBy}
        onPointerMove={onPointerMove}
        onPointerLeave={onPointerLeave}
      >
        {width > 0 && (
          <>
            {hover && (
              <rect
                x={plot.left + hover.index * band}
                y={plot.top}
                width={band}
                height={plot.height}
                fill="currentColor"
                fillOpacity={0.08}
              />
            )}
            <Axes plot={plot} ticks={drawn.ticks} top={drawn.top} labels={labels} shown={drawn.shown} />
            {series.map((s, i) => (
              <path key={s.key} className="recharts-bar-rectangle" d={drawn.paths[i]} fill={s.colour} />
            ))}
          </>
        )}
      </svg>
      {legend && <Legend series={series} />}
      {hover && (
        <TooltipBox
          hover={hover}
          width={width}
          label={labels[hover.index]}
          rows={series.map((s) => {
            const v = s.values[hover.index]
            return (
              <TooltipRow key={s.key} colour={s.colour} name={s.name} value={v == null ? '—' : format ? format(v) : v.toLocaleString()} />
            )
          })}
        />
      )}
    </div>
  )
}

/** Lines with a dot at each value, on a y axis from 0 to `domainTop`; a missing value is skipped and the line joins across it. */
export function PlainLineChart({
  labels,
  series,
  height,
  labelledBy,
  legend = false,
  minLabelGap = 5,
  format,
  domainTop,
  unit = ''
}: CartesianProps & { domainTop: number; unit?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const width = useWidth(ref)
  const svgHeight = height - (legend ? LEGEND_HEIGHT : 0)
  const plot = plotArea(width, svgHeight)
  const drawn = useMemo(() => {
    const ticks = niceTicks(domainTop, true)
    const lines = series.map((s) => {
      const points = linePoints(s.values, domainTop, plot)
      return { points: points.filter((p): p is [number, number] => p !== null), d: linePath(points) }
    })
    // Labels a little wider than the y axis's room need the same gap as bars'.
    return { ticks, lines, shown: shownLabels(labels, plot.width / Math.max(1, labels.length), minLabelGap + labelWidth(unit)) }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, labels, width, svgHeight, domainTop, minLabelGap, unit])
  const { hover, onPointerMove, onPointerLeave } = useHover(plot, labels.length)
  const band = plot.width / Math.max(1, labels.length)
  return (
    <div ref={ref} className="recharts-wrapper relative w-full" style={{ height }}>
      <svg
        className="recharts-surface block"
        width={width}
        height={svgHeight}
        role="img"
        aria-labelledby={labelledBy}
        onPointerMove={onPointerMove}
        onPointerLeave={onPointerLeave}
      >
        {width > 0 && (
          <>
            <Axes plot={plot} ticks={drawn.ticks} top={domainTop} labels={labels} shown={drawn.shown} unit={unit} />
            {hover && (
              <path d={`M${plot.left + (hover.index + 0.5) * band} ${plot.top}v${plot.height}`} stroke="currentColor" strokeOpacity={0.4} />
            )}
            {series.map((s, i) => (
              <g key={s.key} className="recharts-line">
                <path d={drawn.lines[i]!.d} fill="none" stroke={s.colour} strokeWidth={s.key === 'total' ? 2 : 1} />
                {drawn.lines[i]!.points.map(([x, y]) => (
                  <circle key={x} cx={x} cy={y} r={3} fill="white" className="dark:fill-slate-800" stroke={s.colour} />
                ))}
              </g>
            ))}
          </>
        )}
      </svg>
      {legend && <Legend series={series} />}
      {hover && (
        <TooltipBox
          hover={hover}
          width={width}
          label={labels[hover.index]}
          rows={series.map((s) => {
            const v = s.values[hover.index]
            return v == null ? null : (
              <TooltipRow key={s.key} colour={s.colour} name={s.name} value={format ? format(v) : v.toLocaleString()} />
            )
          })}
        />
      )}
    </div>
  )
}

export interface Slice {
  key: string
  name: string
  colour: string
  value: number
}

/** A ring of slices from 12 o'clock clockwise, `size` px square. */
export function PlainRingChart({
  slices,
  size,
  inner,
  outer,
  labelledBy
}: {
  slices: Slice[]
  size: number
  inner: number
  outer: number
  labelledBy: string
}) {
  const paths = useMemo(
    () =>
      ringPaths(
        slices.map((s) => s.value),
        size / 2,
        size / 2,
        inner,
        outer
      ),
    [slices, size, inner, outer]
  )
  const [hover, setHover] = useState<(Hover & { slice: Slice }) | null>(null)
  return (
    <div className="recharts-wrapper relative" style={{ width: size, height: size }}>
      <svg
        className="recharts-surface block"
        width={size}
        height={size}
        role="img"
        aria-labelledby={labelledBy}
        onPointerLeave={() => setHover(null)}
      >
        {slices.map((s, i) => (
          <path
            key={s.key}
            className="recharts-pie-sector"
            d={paths[i]}
            fill={s.colour}
            fillRule="evenodd"
            onPointerMove={(event) => {
              const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
              setHover({ index: i, x: event.clientX - box.left, y: event.clientY - box.top, slice: s })
            }}
          />
        ))}
      </svg>
      {hover && (
        <TooltipBox
          hover={hover}
          width={Infinity}
          rows={<TooltipRow colour={hover.slice.colour} name={hover.slice.name} value={hover.slice.value.toLocaleString()} />}
        />
      )}
    </div>
  )
}
