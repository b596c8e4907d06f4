import type { TooltipContentProps } from 'recharts'

/**
 * Series colours: the 500 shades of Tailwind's palette, which keep enough contrast on the white
 * cards of the light scheme and the slate cards of the dark one. Text and axes use currentColor,
 * so they follow the scheme.
 */
export const COLOURS = {
  blue: '#3b82f6',
  red: '#ef4444',
  amber: '#f59e0b',
  green: '#22c55e',
  purple: '#a855f7',
  slate: '#94a3b8',
  teal: '#14b8a6'
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

/** Keeps a chart to its container's width at a fixed height. */
export const chartStyle = (height: number) => ({ width: '100%', height })
