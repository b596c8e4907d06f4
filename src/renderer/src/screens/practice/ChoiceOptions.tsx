import { OptionFace } from '@components/question/OptionFace'
import type { ChoiceOption } from '@core/practice/multiple-choice'

const LETTERS = 'ABCDEF'

interface Props {
  options: readonly ChoiceOption[]
  /** The option picked, if any. */
  chosenIndex?: number | null
  /** Marks the right option (and a wrong pick) once the answer counts. */
  showResult: boolean
  /** Picking is over (an answered multiple-choice card): the buttons stay readable but do nothing. */
  locked?: boolean
  onChoose: (index: number) => void
}

const base =
  'flex w-full items-start gap-3 rounded-lg p-3 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500'
const plain = 'bg-white ring-1 ring-slate-300 dark:bg-slate-800 dark:ring-slate-600'

function tone(i: number, chosen: number | null | undefined, correct: boolean, showResult: boolean): string {
  if (showResult && correct) return 'bg-green-50 ring-2 ring-green-600 dark:bg-green-950 dark:ring-green-400'
  if (showResult && i === chosen) return 'bg-red-50 ring-2 ring-red-600 dark:bg-red-950 dark:ring-red-400'
  // Background and ring come from one place only: two bg-* classes on an element fight by stylesheet order.
  if (showResult) return `${plain} opacity-70`
  if (i === chosen) return 'bg-blue-50 ring-2 ring-blue-600 dark:bg-blue-950 dark:ring-blue-400'
  return `${plain} hover:bg-slate-100 dark:hover:bg-slate-700`
}

/** The options of a question, each with its letter and number key; after an answer, right and wrong are marked. */
export function ChoiceOptions({ options, chosenIndex, showResult, locked = false, onChoose }: Props) {
  return (
    <ol className="flex w-full flex-col gap-2" aria-label="Options">
      {options.map((option, i) => {
        const chosen = i === chosenIndex
        const verdict = showResult
          ? option.correct
            ? ' (right answer)'
            : chosen
              ? ' (your answer, wrong)'
              : ''
          : chosen
            ? ' (your answer)'
            : ''
        return (
          <li key={option.cardKey}>
            <button
              type="button"
              aria-pressed={showResult ? undefined : chosen}
              aria-disabled={locked || undefined}
              aria-keyshortcuts={`${i + 1} ${LETTERS[i]}`}
              onClick={() => !locked && onChoose(i)}
              data-testid="option"
              data-state={showResult ? (option.correct ? 'right' : chosen ? 'wrong' : 'other') : chosen ? 'chosen' : 'open'}
              className={`${base} ${tone(i, chosenIndex, option.correct, showResult)}`}
            >
              <OptionFace letter={LETTERS[i]} text={option.text} />
              <span className="sr-only">{verdict}</span>
              {showResult && (option.correct || chosen) && (
                <span
                  aria-hidden="true"
                  className={`shrink-0 font-bold ${option.correct ? 'text-green-700 dark:text-green-300' : 'text-red-700 dark:text-red-300'}`}
                >
                  {option.correct ? '✓' : '✗'}
                </span>
              )}
            </button>
          </li>
        )
      })}
    </ol>
  )
}
