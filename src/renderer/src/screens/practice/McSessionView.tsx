import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { CardFace } from '@components/CardFace'
import { CardText } from '@components/CardText'
import { Counts } from '@components/Counts'
import { GradeButtons } from '@components/GradeButtons'
import { ratingChoices } from '@core/practice/mc-grading'
import { countQueue } from '@core/scheduling/queue'
import { formatInterval } from '@core/time/format'
import { ChoiceOptions } from '@screens/practice/ChoiceOptions'
import { MC_RATING_KEYS, mcCommandForKey, type McCommand } from '@screens/practice/mc-keys'
import { McDoneView } from '@screens/practice/McDoneView'
import { SessionHeader } from '@screens/practice/SessionHeader'
import { useWindowKeys } from '@screens/practice/use-window-keys'
import { actions, useRecall } from '@store'
import type { McSession } from '@store/practice-mc-slice'
import { useEffect, useRef } from 'react'
import { Rating, type Grade } from 'ts-fsrs'

const ALL_GRADES: Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
const DIGIT_KEYS: Record<Grade, string> = { [Rating.Again]: '1', [Rating.Hard]: '2', [Rating.Good]: '3', [Rating.Easy]: '4' }

function run(command: McCommand) {
  const a = actions()
  switch (command.kind) {
    case 'choose':
      return a.chooseMcOption(command.index)
    case 'rate':
      return a.rateMc(command.rating)
    case 'next':
      return void a.nextMc(command.rating)
    case 'reveal':
      return a.revealMc()
    case 'undo':
      return void a.undoMc()
    case 'leave':
      return void a.showPracticeHome()
  }
}

/** Today's reviews of a deck, each card asked as a four-option question and graded through FSRS. */
export function McSessionView() {
  const session = useRecall((s) => s.mcSession)!
  const questionRef = useRef<HTMLElement>(null)
  useWindowKeys((press) => {
    const command = mcCommandForKey(press, session)
    if (command) run(command)
    return command !== null
  })
  // A new question takes the focus, so that screen readers read it and no old button keeps it.
  useEffect(() => questionRef.current?.focus(), [session.card?.id, session.shownAt])

  const { card, choice, grading } = session
  return (
    <main className="flex grow basis-0 flex-col gap-3" aria-label={`Multiple choice: ${session.deckName}`}>
      <SessionHeader
        title={
          <>
            {session.deckName} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">· multiple choice</span>
          </>
        }
      >
        <Counts counts={countQueue(session.queue)} emphasise={session.step.kind === 'card' ? session.step.from : undefined} />
      </SessionHeader>
      {session.error && <Alert>{session.error}</Alert>}
      <p role="status" className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {session.notice ?? (session.answered > 0 ? `${session.correct} of ${session.answered} right this session` : '')}
      </p>

      {card && choice ? (
        <>
          <CardFace
            question={card.question}
            answer={card.answer}
            extra={card.extra}
            revealed={session.revealed}
            questionRef={questionRef}
            after={
              grading.phase !== 'choosing' &&
              (session.pickedAnswers || card.extra || session.whys) && (
                <section
                  aria-label="About the answer"
                  data-testid="answer"
                  className="w-full border-t border-slate-200 pt-4 text-base dark:border-slate-600"
                >
                  {session.pickedAnswers && (
                    <div className="text-slate-700 dark:text-slate-300">
                      <p className="text-sm">Your pick is the answer to:</p>
                      <CardText text={session.pickedAnswers} className="font-semibold" />
                    </div>
                  )}
                  {card.extra && <CardText text={card.extra} className="mt-3 text-slate-600 dark:text-slate-400" />}
                  {session.whys && (
                    <dl className="flex flex-col gap-2 text-left">
                      {[...new Set([grading.chosenIndex, choice.correctIndex])].map((i) => (
                        <div key={i}>
                          <dt className="text-sm font-semibold">
                            {i === choice.correctIndex ? 'Why the right answer is right' : 'Why your pick is wrong'}
                          </dt>
                          <dd>
                            <CardText text={session.whys![i]!} />
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </section>
              )
            }
          >
            {choice.reason && (
              <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="reason">
                {choice.reason}
              </p>
            )}
            {choice.options.length > 0 && (
              <div className="w-full text-left text-base">
                <ChoiceOptions
                  options={choice.options}
                  chosenIndex={grading.phase === 'choosing' ? null : grading.chosenIndex}
                  showResult={grading.phase !== 'choosing'}
                  locked={grading.phase !== 'choosing'}
                  onChoose={(i) => actions().chooseMcOption(i)}
                />
              </div>
            )}
          </CardFace>
          <Footer session={session} />
        </>
      ) : (
        <McDoneView session={session} />
      )}
    </main>
  )
}

const CONTINUE_ID = 'mc-continue'

function Footer({ session }: { session: McSession }) {
  const { grading, outcomes, choice } = session
  if (!outcomes || !choice) return null
  const at = session.answeredAt ?? session.shownAt
  if (choice.options.length === 0) {
    return (
      <footer className="flex flex-col items-center gap-3">
        {session.revealed ? (
          <GradeButtons
            grades={ALL_GRADES}
            outcomes={outcomes}
            now={at}
            keys={DIGIT_KEYS}
            disabled={session.saving}
            label="How well did you remember?"
            onPick={(r) => void actions().nextMc(r)}
          />
        ) : (
          <Button tone="primary" autoFocus onClick={() => actions().revealMc()}>
            Show answer <kbd className="ms-2 text-sm font-normal">Space</kbd>
          </Button>
        )}
      </footer>
    )
  }
  if (grading.phase === 'choosing') {
    return <p className="text-center text-sm text-slate-500 dark:text-slate-400">Pick an answer: 1–4 or A–D.</p>
  }
  // One row of buttons under the verdict, so that the card keeps the height to show the options.
  return (
    <footer className="flex flex-col items-center gap-2" data-testid="feedback">
      <p
        role="status"
        className={`text-lg font-semibold ${grading.correct ? 'text-green-700 dark:text-green-300' : 'text-red-700 dark:text-red-300'}`}
      >
        {grading.correct
          ? 'Right. Counted as Good; change it if it was a guess or too easy.'
          : `Not this one: counted as Again (back in ${formatInterval(outcomes[Rating.Again].next.due - at)}).`}
      </p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-2">
        {grading.correct && (
          <GradeButtons
            grades={ratingChoices(grading)}
            outcomes={outcomes}
            now={at}
            keys={MC_RATING_KEYS}
            selected={grading.rating}
            label="How well did you know it?"
            onPick={(r) => {
              actions().rateMc(r)
              // Enter then moves on, whichever way the rating was picked.
              document.getElementById(CONTINUE_ID)?.focus()
            }}
          />
        )}
        <Button
          id={CONTINUE_ID}
          tone="primary"
          autoFocus
          disabled={session.saving}
          onClick={() => void actions().nextMc()}
          className="min-w-48"
        >
          Continue <kbd className="ms-2 text-sm font-normal">Enter</kbd>
        </Button>
      </div>
    </footer>
  )
}
