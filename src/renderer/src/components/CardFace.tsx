import { CardText } from '@components/CardText'
import type { ReactNode, Ref } from 'react'

const FLAG_COLOURS = ['', 'bg-red-500', 'bg-orange-400', 'bg-green-500', 'bg-blue-500', 'bg-pink-400', 'bg-teal-400', 'bg-purple-500']

interface Props {
  question: string
  answer: string
  extra?: string
  /** The answer (and extra) show once revealed. */
  revealed: boolean
  /** Anki's coloured flag, 1–7, drawn in the corner. */
  flag?: number
  /** The question, for moving the focus to it when a card appears. */
  questionRef?: Ref<HTMLElement>
  /** Between question and answer: the options of a multiple-choice question. */
  children?: ReactNode
  /** Under the answer: what a multiple-choice pick meant. */
  after?: ReactNode
  /** A cloze card: once revealed, its answer (the whole text) takes the question's place, as in Anki. */
  cloze?: boolean
}

/**
 * A card as it is studied: the question, then (revealed) a rule, the answer and its extra. A cloze
 * card shows its answer in the question's place, so the text is read once, with the gap filled.
 */
export function CardFace({ question, answer, extra, revealed, flag, questionRef, children, after, cloze = false }: Props) {
  const inPlace = cloze && revealed
  return (
    <article className="relative flex flex-1 flex-col items-center gap-6 rounded-lg bg-white p-8 text-center text-xl shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
      {flag ? (
        <span className={`absolute top-3 right-3 size-3 rounded-full ${FLAG_COLOURS[flag]}`} role="img" aria-label={`Flag ${flag}`} />
      ) : null}
      <section
        ref={questionRef}
        tabIndex={questionRef ? -1 : undefined}
        aria-label={inPlace ? 'Answer' : 'Question'}
        aria-live={cloze ? 'polite' : undefined}
        data-testid="question"
        data-cloze={cloze ? (revealed ? 'answer' : 'question') : undefined}
        className="outline-none"
      >
        <CardText text={inPlace ? answer : question} />
      </section>
      {children}
      {inPlace && extra && (
        <section aria-label="Extra" data-testid="answer">
          <CardText text={extra} className="text-base text-slate-600 dark:text-slate-400" />
        </section>
      )}
      {revealed && !inPlace && (
        <>
          <hr className="w-full border-slate-200 dark:border-slate-600" />
          <section aria-label="Answer" data-testid="answer" aria-live="polite">
            <CardText text={answer} />
            {extra && <CardText text={extra} className="mt-4 text-base text-slate-600 dark:text-slate-400" />}
          </section>
        </>
      )}
      {after}
    </article>
  )
}
