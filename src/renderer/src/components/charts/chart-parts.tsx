import type { ReactNode } from 'react'
import type { TooltipContentProps } from 'recharts'

/**
 * Series colours, one set for both schemes: each is at least 3:1 (WCAG's contrast for graphics)
 * against the white cards of the light scheme and the slate-800 cards of the dark one, so a bar,
 * a line or a legend swatch is seen on either. Tailwind's 500 shades where they pass (blue, red,
 * purple); green, amber, teal and slate are a shade darker, their 500s being under 2.6:1 on white.
 * Text never takes these colours: it stays in the scheme's text colour (see `legendProps`).
 */
export const COLOURS = {
  blue: '#3b82f6',
  red: '#ef4444',
  amber: '#d97706',
  green: '#16a34a',
  purple: '#a855f7',
  slate: '#64748b',
  teal: '#0d9488'
} as const

export const axisProps = {
  stroke: 'currentColor',
  strokeOpacity: 0.4,
  tick: { fill: 'currentColor', fontSize: 12 },
  tickLine: false
} as const

export const gridProps = { stroke: 'currentColor', strokeOpacity: 0.12, vertical: false } as const

export const cursorProps = { fill: 'currentColor', fillOpacity: 0.08 } as const

/** Recharts' tooltip is white with inherited text; this one follows the colour scheme. */
export function ChartTooltip({
  active,
  payload,
  label,
  format
}: Partial<TooltipContentProps<number, string>> & { format?: (v: number) => string }) {
  if (!active || !payload?.length) return null
  return (
    <div className="rounded-md bg-white px-3 py-2 text-sm text-slate-900 shadow-md ring-1 ring-slate-200 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600">
      {label !== undefined && <p className="font-medium">{String(label)}</p>}
      {payload.map((item) => (
        <p key={String(item.dataKey ?? item.name)} className="tabular-nums">
          <span aria-hidden className="me-1 inline-block size-2 rounded-full" style={{ backgroundColor: item.color }} />
          {item.name}: {format && typeof item.value === 'number' ? format(item.value) : String(item.value)}
        </p>
      ))}
    </div>
  )
}

/**
 * Recharts writes each legend entry in its series' colour, which for text needs 4.5:1; the entry
 * keeps its swatch in that colour and its words in the scheme's text colour instead.
 */
export const legendProps = {
  itemSorter: null,
  formatter: (value: ReactNode) => <span className="text-slate-700 dark:text-slate-300">{value}</span>
} as const

/**
 * A chart as a named picture rather than a Tab stop. Recharts' keyboard layer makes the drawing an
 * unnamed "application" that Tab stops on; here it is an image named by the elements `labelledBy`
 * lists (its heading and its summary), and its figures are in the table beside it.
 */
export const chartImage = (labelledBy: string) => ({ accessibilityLayer: false, role: 'img', 'aria-labelledby': labelledBy }) as const

/** Keeps a chart to its container's width at a fixed height. */
export const chartStyle = (height: number) => ({ width: '100%', height })
