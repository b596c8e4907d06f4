import { CardText } from '@components/CardText'
import { MoreBelow } from '@components/MoreBelow'
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
  /**
   * The question fills the height its screen leaves it and scrolls inside when it needs more, so
   * the buttons under it stay in view (a session); without, it is as tall as it is (a list).
   */
  fill?: boolean
}

/**
 * An exam-style question as the exam shows it: the case study's scenario, the question, and its
 * options lettered A, B, C…; after the answer, every option's reason.
 */
export function QuestionView({ shown, response, check, onChoose, onMatch, fill = false }: Props) {
  const { note } = shown
  return (
    <article
      className={`flex flex-col gap-4 rounded-xl bg-white p-5 text-lg shadow-sm ring-1 ring-slate-200 sm:px-8 dark:bg-slate-800 dark:ring-slate-700 ${
        fill ? 'min-h-0 flex-1 overflow-y-auto contain-size' : ''
      }`}
      data-testid="exam-question"
      data-type={note.type}
    >
      {shown.scenario && (
        <section aria-label="Case study" className="rounded-md bg-slate-100 p-4 text-base dark:bg-slate-900">
          <h2 className="mb-1 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">Case study</h2>
          <CardText text={shown.scenario} />
        </section>
      )}
      <section aria-label="Question" data-testid="question" tabIndex={-1} className="font-medium outline-none">
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
      {fill && <MoreBelow inset="-bottom-5 -mx-5 sm:-mx-8" />}
    </article>
  )
}
