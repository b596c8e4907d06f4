import type { MockExamResult } from '@core/model'

const W = 240
const H = 56
const PAD = 4

/**
 * Scores over time as a small line, with the pass mark dashed. Drawn as plain SVG: a charting
 * library would weigh more than the rest of this screen for one line.
 */
export function ScoreSparkline({ history, passMark }: { history: readonly MockExamResult[]; passMark: number }) {
  if (history.length < 2) return null
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / (history.length - 1)
  const y = (percent: number) => PAD + ((100 - percent) * (H - 2 * PAD)) / 100
  const points = history.map((h, i) => `${x(i).toFixed(1)},${y(h.score).toFixed(1)}`).join(' ')
  const first = history[0]!.score
  const last = history.at(-1)!.score
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={`Scores of the last ${history.length} mock exams, from ${first} % to ${last} %`}
      className="overflow-visible"
    >
      <line
        x1={PAD}
        x2={W - PAD}
        y1={y(passMark)}
        y2={y(passMark)}
        strokeDasharray="4 3"
        className="stroke-slate-400 dark:stroke-slate-500"
      />
      <polyline points={points} fill="none" strokeWidth={2} strokeLinejoin="round" className="stroke-blue-600 dark:stroke-blue-400" />
      {history.map((h, i) => (
        <circle
          key={h.id}
          cx={x(i)}
          cy={y(h.score)}
          r={2.5}
          className={h.passed ? 'fill-green-600 dark:fill-green-400' : 'fill-red-500 dark:fill-red-400'}
        />
      ))}
    </svg>
  )
}
