import { CardText } from '@components/CardText'
import { LETTERS } from '@components/question/letters'
import type { AnswerCheck, QuestionResponse, ShownQuestion } from '@core/questions/question'

interface Props {
  shown: ShownQuestion
  response: QuestionResponse
  check?: AnswerCheck
  onChoose: (at: number) => void
}

/**
 * An ordering question: the steps, shuffled, each chosen in turn (click or its letter) to build the
 * order; choosing a placed step takes it out again. After the answer: the user's order marked
 * place by place, and the right order.
 */
export function OrderingList({ shown, response, check, onChoose }: Props) {
  const { note } = shown
  if (note.type !== 'ordering') return null
  return (
    <div className="flex flex-col gap-4 text-base">
      <div role="group" aria-label="Steps" className="flex flex-col gap-2">
        {shown.order.map((index, at) => {
          const place = response.indexOf(at)
          return (
            <button
              key={index}
              type="button"
              aria-pressed={place >= 0}
              aria-disabled={check ? true : undefined}
              aria-keyshortcuts={LETTERS[at]}
              onClick={() => !check && onChoose(at)}
              data-testid="step"
              className="flex items-start gap-3 rounded-lg bg-white p-3 text-left ring-1 ring-slate-300 hover:bg-slate-100 aria-pressed:bg-blue-50 aria-pressed:ring-blue-700 dark:bg-slate-800 dark:ring-slate-600 dark:hover:bg-slate-700 dark:aria-pressed:bg-blue-950"
            >
              <kbd className="flex size-7 shrink-0 items-center justify-center rounded bg-slate-200 text-sm font-semibold dark:bg-slate-700">
                {LETTERS[at]}
              </kbd>
              <span className="flex-1">{note.steps[index]}</span>
              {place >= 0 && <span className="shrink-0 font-semibold">Step {place + 1}</span>}
            </button>
          )
        })}
      </div>
      <section aria-label="Your order">
        <h3 className="text-sm font-semibold text-slate-600 dark:text-slate-300">Your order</h3>
        {response.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">Choose the first step.</p>
        ) : (
          <ol className="list-decimal ps-6" data-testid="your-order">
            {response.map((at, place) => (
              <li
                key={at}
                className={check ? (check.marks[place] ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300') : ''}
              >
                {note.steps[shown.order[at]!]}
                {check && (check.marks[place] ? ' ✓' : ' ✗')}
              </li>
            ))}
          </ol>
        )}
      </section>
      {check && !check.correct && (
        <section aria-label="Right order">
          <h3 className="text-sm font-semibold text-slate-600 dark:text-slate-300">Right order</h3>
          <ol className="list-decimal ps-6">
            {note.steps.map((step) => (
              <li key={step}>
                <CardText text={step} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}
