import { MINUTE_MS } from '@shared/durations'
import { actions } from '@store'
import { useEffect } from 'react'

/** h:mm:ss, or m:ss under an hour. */
function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

const WARN_MS = 5 * MINUTE_MS

/**
 * The countdown. It only asks the store to tick each second: the time shown is the store's clock
 * against the exam's end, so a sleeping laptop or a slow tab never gains time.
 */
export function MockExamTimer({ leftMs, running }: { leftMs: number; running: boolean }) {
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => void actions().tickMockExam(), 1000)
    return () => clearInterval(timer)
  }, [running])
  const low = leftMs <= WARN_MS
  return (
    <span
      role="timer"
      aria-label="Time left"
      data-testid="timer"
      className={`rounded-md px-3 py-1 font-mono text-lg font-semibold tabular-nums ${low ? 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100' : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`}
    >
      {formatCountdown(leftMs)}
    </span>
  )
}
