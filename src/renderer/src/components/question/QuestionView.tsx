import { CardText } from '@components/CardText'
import { ChoiceList } from '@components/question/ChoiceList'
import { MatchingTable } from '@components/question/MatchingTable'
import { OrderingList } from '@components/question/OrderingList'
import type { AnswerCheck, QuestionResponse, ShownQuestion } from '@core/questions/question'

interface Props {
  shown: ShownQuestion
  response: QuestionResponse
  /** Present once the answer was submitted: the view then marks right and wrong and explains. */
  check?: AnswerCheck
  onChoose: (at: number) => void
  onMatch: (prompt: number, at: number) => void
}

/**
 * An exam-style question as the exam shows it: the case study's scenario, the question, and its
 * options lettered A, B, C…; after the answer, every option's reason.
 */
export function QuestionView({ shown, response, check, onChoose, onMatch }: Props) {
  const { note } = shown
  return (
    <article
      className="flex flex-1 flex-col gap-4 rounded-lg bg-white p-6 text-lg shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      data-testid="exam-question"
      data-type={note.type}
    >
      {shown.scenario && (
        <section aria-label="Case study" className="rounded-md bg-slate-100 p-4 text-base dark:bg-slate-900">
          <h2 className="mb-1 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">Case study</h2>
          <CardText text={shown.scenario} />
        </section>
      )}
      <section aria-label="Question" data-testid="question" tabIndex={-1} className="outline-none">
        <CardText text={note.stem} />
      </section>
      {(note.type === 'single' || note.type === 'multiple') && (
        <ChoiceList shown={shown} response={response} check={check} onChoose={onChoose} />
      )}
      {note.type === 'ordering' && <OrderingList shown={shown} response={response} check={check} onChoose={onChoose} />}
      {note.type === 'matching' && <MatchingTable shown={shown} response={response} check={check} onMatch={onMatch} />}
      {check && (
        <p
          role="status"
          data-testid="verdict"
          className={`font-semibold ${check.correct ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}`}
        >
          {check.correct ? 'Right.' : 'Not right: the exam gives no credit for this answer.'}
        </p>
      )}
      {check && (note.type === 'ordering' || note.type === 'matching') && (
        <CardText text={note.explanation} className="text-base text-slate-700 dark:text-slate-300" />
      )}
    </article>
  )
}
