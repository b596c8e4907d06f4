import { CardText } from '@components/CardText'
import { LETTERS } from '@components/question/letters'
import { OptionFace } from '@components/question/OptionFace'
import type { AnswerCheck, QuestionResponse, ShownQuestion } from '@core/questions/question'

interface Props {
  shown: ShownQuestion
  response: QuestionResponse
  check?: AnswerCheck
  onChoose: (at: number) => void
}

const base =
  'flex w-full items-start gap-3 rounded-lg p-3 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500'

/** The options of a single-answer (radio) or multiple-response (checkbox) question; after the answer, each one's reason. */
export function ChoiceList({ shown, response, check, onChoose }: Props) {
  const { note } = shown
  if (note.type !== 'single' && note.type !== 'multiple') return null
  const multiple = note.type === 'multiple'
  return (
    <div role={multiple ? 'group' : 'radiogroup'} aria-label="Options" className="flex flex-col gap-2">
      {shown.order.map((index, at) => {
        const option = note.options[index]!
        const picked = response.includes(at)
        const tone = check
          ? option.correct
            ? 'bg-green-50 ring-2 ring-green-700 dark:bg-green-950 dark:ring-green-400'
            : picked
              ? 'bg-red-50 ring-2 ring-red-700 dark:bg-red-950 dark:ring-red-400'
              : 'bg-white ring-1 ring-slate-300 dark:bg-slate-800 dark:ring-slate-600'
          : picked
            ? 'bg-blue-50 ring-2 ring-blue-700 dark:bg-blue-950 dark:ring-blue-400'
            : 'bg-white ring-1 ring-slate-300 hover:bg-slate-100 dark:bg-slate-800 dark:ring-slate-600 dark:hover:bg-slate-700'
        return (
          <div key={index}>
            <button
              type="button"
              role={multiple ? 'checkbox' : 'radio'}
              aria-checked={picked}
              aria-disabled={check ? true : undefined}
              aria-keyshortcuts={LETTERS[at]}
              onClick={() => !check && onChoose(at)}
              data-testid="option"
              data-state={check ? (option.correct ? 'right' : picked ? 'wrong' : 'other') : picked ? 'chosen' : 'open'}
              className={`${base} ${tone}`}
            >
              <OptionFace letter={LETTERS[at]} text={option.text} />
              {check && (
                <span
                  className={`shrink-0 font-bold ${option.correct ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}`}
                >
                  {option.correct ? '✓ right' : picked ? '✗ your pick' : ''}
                </span>
              )}
            </button>
            {check && <CardText text={option.why} className="mt-1 ms-10 text-base text-slate-700 dark:text-slate-300" />}
          </div>
        )
      })}
    </div>
  )
}
