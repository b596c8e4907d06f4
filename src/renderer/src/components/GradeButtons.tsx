import type { GradeOutcome } from '@core/scheduling/scheduler'
import { formatInterval } from '@core/time/format'
import { Rating, type Grade } from 'ts-fsrs'

const LABELS: Record<Grade, string> = { [Rating.Again]: 'Again', [Rating.Hard]: 'Hard', [Rating.Good]: 'Good', [Rating.Easy]: 'Easy' }
const TONES: Record<Grade, string> = {
  [Rating.Again]: 'ring-red-400 text-red-800 dark:text-red-300',
  [Rating.Hard]: 'ring-slate-400 text-slate-800 dark:text-slate-200',
  [Rating.Good]: 'ring-green-500 text-green-800 dark:text-green-300',
  [Rating.Easy]: 'ring-blue-400 text-blue-800 dark:text-blue-300'
}

interface Props {
  grades: readonly Grade[]
  outcomes: Record<Grade, GradeOutcome>
  /** When the card was shown: each button shows the interval its grade gives from then. */
  now: number
  /** Each grade's keys, shown on the button ("3", "G 3"). */
  keys: Record<Grade, string>
  /** The grade that will be saved (multiple choice); the buttons then toggle instead of saving. */
  selected?: Grade
  /** The grade whose button takes the focus when they appear (Good on the study screen). */
  autoFocus?: Grade
  disabled?: boolean
  label: string
  onPick: (rating: Grade) => void
}

/** The grade buttons of every place that grades a card, with the interval each would give. */
export function GradeButtons({ grades, outcomes, now, keys, selected, autoFocus, disabled, label, onPick }: Props) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap justify-center gap-3">
      {grades.map((rating) => {
        const interval = formatInterval(outcomes[rating].next.due - now)
        return (
          <button
            key={rating}
            type="button"
            disabled={disabled}
            autoFocus={autoFocus === rating}
            aria-pressed={selected === undefined ? undefined : selected === rating}
            aria-keyshortcuts={keys[rating]}
            title={`Next review in ${interval} (key ${keys[rating]})`}
            onClick={() => onPick(rating)}
            className={`flex min-w-24 flex-col items-center rounded-md bg-white px-3 py-2 ring-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 disabled:opacity-50 aria-pressed:ring-4 dark:bg-slate-800 dark:hover:bg-slate-700 ${TONES[rating]}`}
          >
            {/* The name is the visible text in reading order ("Good 10m 3"); the interval is drawn first. */}
            <span className="font-semibold">{LABELS[rating]}</span>
            <span className="order-first text-xs text-slate-700 tabular-nums dark:text-slate-300" data-testid="interval">
              {interval}
            </span>
            <kbd className="text-xs text-slate-600 dark:text-slate-300">{keys[rating]}</kbd>
          </button>
        )
      })}
    </div>
  )
}
