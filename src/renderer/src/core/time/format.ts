import { MINUTE_MS, SECOND_MS } from '@shared/durations'

/** How times, dates and intervals read on screen. */

/** Anki's short interval labels: "<1m", "10m", "3h", "4d", "2.5mo", "1.2y". */
export function formatInterval(ms: number): string {
  const minutes = ms / MINUTE_MS
  if (minutes < 1) return '<1m'
  if (minutes < 60) return `${Math.round(minutes)}m`
  const hours = minutes / 60
  if (hours < 24) return `${Math.round(hours)}h`
  const days = hours / 24
  if (days < 30) return `${Math.round(days)}d`
  if (days < 365) return `${trimmed(days / 30)}mo`
  return `${trimmed(days / 365)}y`
}

function trimmed(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '')
}

/** "45 s", "12 min", "1 h 5 min". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / SECOND_MS)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
}

export function shortDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}

export function longDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' })
}

export function monthName(year: number, month: number): string {
  return new Date(year, month - 1, 1).toLocaleDateString(undefined, { month: 'short', year: 'numeric' })
}

/** Days as Anki writes them: "0.5 d", "12 d", "3.4 y". */
export function days(value: number): string {
  if (value >= 365) return `${(value / 365).toFixed(1)} y`
  return value < 10 ? `${value.toFixed(1)} d` : `${Math.round(value)} d`
}
