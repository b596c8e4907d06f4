import { answerCentred, promptLook } from '@components/card-look'
import { CardText } from '@components/CardText'
import { MoreBelow } from '@components/MoreBelow'
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

// The prompt is the largest text on the screen, sized to its length; the answer is body text
// under a labelled rule, so the eye finds each at once. Both sit in one reading column.
const PROMPT_SIZE = {
  short: 'text-3xl font-semibold leading-tight tracking-tight 2xl:text-4xl',
  medium: 'text-2xl font-semibold leading-snug',
  long: 'text-xl font-medium leading-relaxed'
}
const PROMPT_TONE = 'text-slate-950 dark:text-slate-50'
const ANSWER = 'text-xl leading-relaxed text-slate-800 dark:text-slate-200'
// About 70 characters a line at the answer's size: wider, the eye loses the next line.
const MEASURE = 'mx-auto w-full max-w-[36em]'
const align = (centred: boolean) => (centred ? 'text-center' : 'text-start')

/** The line between prompt and answer, named so that no one takes the answer for more question. */
function AnswerRule() {
  return (
    <div
      aria-hidden="true"
      className="flex items-center gap-3 text-xs font-semibold tracking-widest text-slate-500 uppercase dark:text-slate-400"
    >
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-600" />
      Answer
      <span className="h-px flex-1 bg-slate-200 dark:bg-slate-600" />
    </div>
  )
}

/**
 * A card as it is studied: the question, then (revealed) a rule, the answer and its extra. A cloze
 * card shows its answer in the question's place, so the text is read once, with the gap filled.
 * The card fills the height its screen leaves it and scrolls inside when a long answer needs
 * more, so the buttons under it never move off the screen. The prompt sits a little down from the
 * top and stays where it is when the answer appears.
 */
export function CardFace({ question, answer, extra, revealed, flag, questionRef, children, after, cloze = false }: Props) {
  const inPlace = cloze && revealed
  const prompt = inPlace ? answer : question
  const look = promptLook(prompt)
  return (
    <article className="relative flex min-h-0 flex-1 flex-col overflow-y-auto rounded-xl bg-white px-5 py-6 shadow-sm ring-1 ring-slate-200 contain-size sm:px-10 sm:py-8 dark:bg-slate-800 dark:ring-slate-700">
      {flag ? (
        <span className={`absolute top-3 right-3 size-3 rounded-full ${FLAG_COLOURS[flag]}`} role="img" aria-label={`Flag ${flag}`} />
      ) : null}
      {/* Gives way first when the content needs the room. */}
      <div aria-hidden="true" className="shrink-[100] basis-[10%]" />
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
        <section
          ref={questionRef}
          tabIndex={questionRef ? -1 : undefined}
          aria-label={inPlace ? 'Answer' : 'Question'}
          aria-live={cloze ? 'polite' : undefined}
          data-testid="question"
          data-cloze={cloze ? (revealed ? 'answer' : 'question') : undefined}
          data-size={look.size}
          className={`outline-none ${MEASURE} ${PROMPT_SIZE[look.size]} ${PROMPT_TONE} ${align(look.centred)}`}
        >
          <CardText text={prompt} />
        </section>
        {children}
        {inPlace && extra && (
          <section aria-label="Extra" data-testid="answer" className="text-start">
            <CardText text={extra} className="text-base leading-relaxed text-slate-600 dark:text-slate-400" />
          </section>
        )}
        {revealed && !inPlace && (
          <>
            <AnswerRule />
            <section
              aria-label="Answer"
              data-testid="answer"
              aria-live="polite"
              className={`${MEASURE} ${ANSWER} ${align(answerCentred(answer))}`}
            >
              <CardText text={answer} />
              {extra && (
                <CardText
                  text={extra}
                  className="mt-6 border-t border-slate-200 pt-4 text-start text-base text-slate-600 dark:border-slate-600 dark:text-slate-400"
                />
              )}
            </section>
          </>
        )}
        {after}
      </div>
      <MoreBelow inset="-bottom-6 -mx-5 sm:-bottom-8 sm:-mx-10" />
    </article>
  )
}
