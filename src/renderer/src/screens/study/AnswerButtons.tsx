import type { Grade } from 'ts-fsrs'
import { GRADES, type GradeOutcome } from '@core/scheduling/scheduler'
import { formatInterval } from '@core/time/format'
import { actions } from '@store'

const LABELS = ['Again', 'Hard', 'Good', 'Easy']
const TONES = [
  'ring-red-400 text-red-800 dark:text-red-300',
  'ring-slate-400 text-slate-800 dark:text-slate-200',
  'ring-green-500 text-green-800 dark:text-green-300',
  'ring-blue-400 text-blue-800 dark:text-blue-300'
]

export function AnswerButtons({ outcomes, now, disabled }: { outcomes: Record<Grade, GradeOutcome>; now: number; disabled: boolean }) {
  return (
    <div role="group" aria-label="How well did you remember?" className="grid w-full max-w-xl grid-cols-4 gap-3">
      {GRADES.map((rating, i) => {
        const interval = formatInterval(outcomes[rating].next.due - now)
        return (
          <button
            key={rating}
            type="button"
            disabled={disabled}
            autoFocus={i === 2}
            onClick={() => void actions().grade(rating)}
            aria-keyshortcuts={String(i + 1)}
            title={`Next review in ${interval} (key ${i + 1})`}
            className={`flex flex-col items-center rounded-md bg-white px-3 py-2 ring-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 disabled:opacity-50 dark:bg-slate-800 dark:hover:bg-slate-700 ${TONES[i]}`}
          >
            {/* The name is the visible text in reading order ("Good 10m 3"); the interval is drawn first. */}
            <span className="font-semibold">{LABELS[i]}</span>
            <span className="order-first text-xs tabular-nums opacity-80" data-testid="interval">
              {interval}
            </span>
            <kbd className="text-xs opacity-60">{i + 1}</kbd>
          </button>
        )
      })}
    </div>
  )
}
