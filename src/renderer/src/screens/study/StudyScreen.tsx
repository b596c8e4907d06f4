import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { CardFace } from '@components/CardFace'
import { prepareCardText, useCardTextShown } from '@components/CardText'
import { preloadMedia } from '@store/media-urls'
import { Counts } from '@components/Counts'
import { lazyPart, LazyView } from '@components/LazyPart'
import { GradeButtons } from '@components/GradeButtons'
import { QuestionView } from '@components/question/QuestionView'
import { partsOf } from '@core/questions/question'
import { countQueue } from '@core/scheduling/queue'
import { GRADES } from '@core/scheduling/scheduler'
import { DoneView } from '@screens/study/DoneView'
import type { EditCardDialog } from '@screens/study/EditCardDialog'
import { StudyToolbar } from '@screens/study/StudyToolbar'
import { run, useStudyKeys } from '@screens/study/use-study-keys'
import { actions, useRecall } from '@store'
import { likelyNextCard } from '@store/study-session'
import { useCallback, useEffect, useRef, useState, type ComponentProps } from 'react'
import { Rating, type Grade } from 'ts-fsrs'

// The card's editor and its review history are fetched the first time they open (E, I).
const editCard = lazyPart<ComponentProps<typeof EditCardDialog>>(() => import('@screens/study/EditCardDialog'), 'EditCardDialog')
const cardHistory = lazyPart<{ onClose: () => void }>(() => import('@components/CardHistoryDialog'), 'CardHistoryDialog')

/** Runs `work` when the page is idle (soon after, where the browser has no idle callbacks); returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(work, 50)
    return () => clearTimeout(timer)
  }
  const idle = requestIdleCallback(work, { timeout: 1000 })
  return () => cancelIdleCallback(idle)
}

/** What an answered question earned (core/questions/grade.ts); Space or Enter saves it, 1–4 save another. */
const EARNED: Record<Grade, string> = {
  [Rating.Again]: 'A wrong answer is graded Again (Space). Change it with 1–4.',
  [Rating.Hard]: 'Right, but slower than the exam allows: graded Hard (Space). Change it with 1–4.',
  [Rating.Good]: 'Right in time: graded Good (Space). Change it with 1–4.',
  [Rating.Easy]: 'Graded Easy (Space).'
}

const KEYS = { [Rating.Again]: '1', [Rating.Hard]: '2', [Rating.Good]: '3', [Rating.Easy]: '4' }

export function StudyScreen() {
  const session = useRecall((s) => s.session)!
  const canUndo = useRecall((s) => s.undoStack.length > 0)
  const [panel, setPanel] = useState<'edit' | 'info' | null>(null)
  const { card, revealed, step, question } = session
  const editable = card !== undefined && !card.noteType
  const open = useCallback((p: 'edit' | 'info') => card && !(p === 'edit' && !editable) && setPanel(p), [card, editable])
  const letters = question && question.shown.note.type !== 'matching' ? partsOf(question.shown.note) : 0
  // A question in Markdown is drawn once the pipeline is in (a moment after a start): until then
  // Show answer is held, and Space or Enter pressed meanwhile shows the answer with the question.
  const questionShown = useCardTextShown(card && !question ? card.question : undefined)
  const heldFor = useRef<string>(undefined)
  useEffect(() => {
    if (!questionShown || heldFor.current === undefined) return
    const held = heldFor.current
    heldFor.current = undefined
    if (held === card?.id) actions().reveal()
  }, [questionShown, card])
  const holdReveal = useCallback(() => {
    if (card) heldFor.current = card.id
  }, [card])
  useStudyKeys(
    revealed,
    panel === null,
    open,
    {
      letters,
      question: card?.noteType !== undefined,
      ...(question?.suggested !== undefined ? { suggested: question.suggested } : {})
    },
    questionShown ? undefined : holdReveal
  )
  // While the answer is read, the likely next question is parsed in idle time: the grade then
  // only has to write and lay it out.
  useEffect(() => {
    if (!revealed) return
    return whenIdle(() => {
      const next = likelyNextCard(session, Date.now())
      if (next) prepareCardText(next.question)
    })
  }, [revealed, session])
  // Pictures take longer to read and decode than text to parse: from the moment a card is shown,
  // its answer's pictures and those of the likely next question are made ready.
  useEffect(
    () =>
      whenIdle(() => {
        const { card } = session
        if (card) void preloadMedia(`${card.answer}\n${card.extra ?? ''}`)
        // An answer in Markdown starts the pipeline's fetch now, not when Space is pressed.
        if (card) prepareCardText(card.answer)
        const next = likelyNextCard(session, Date.now())
        if (next) void preloadMedia(next.question)
      }),
    [session]
  )

  return (
    <main className="flex grow basis-0 flex-col gap-4" aria-label={`Studying ${session.deckName}`}>
      <header className="flex items-center justify-between gap-4">
        <Button onClick={() => void actions().leaveStudy()} aria-label="Back to decks (Esc)">
          ← Decks
        </Button>
        <h1 className="truncate text-lg font-semibold">{session.deckName}</h1>
        <Counts counts={countQueue(session.queue)} emphasise={step.kind === 'card' ? step.from : undefined} />
      </header>

      {session.error && <Alert>{session.error}</Alert>}
      <p role="status" className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">
        {session.notice}
      </p>

      {card ? (
        <>
          {question ? (
            <QuestionView
              shown={question.shown}
              response={question.response}
              {...(question.check ? { check: question.check } : {})}
              onChoose={(at) => actions().chooseOption(at)}
              onMatch={(prompt, at) => actions().matchItem(prompt, at)}
              fill
            />
          ) : (
            <CardFace
              question={card.question}
              answer={card.answer}
              extra={card.extra}
              revealed={revealed}
              flag={card.flag}
              cloze={card.cloze !== undefined}
            />
          )}
          <footer className="flex flex-col items-center gap-4">
            {revealed ? (
              <GradeButtons
                grades={GRADES}
                outcomes={session.outcomes!}
                now={session.shownAt}
                keys={KEYS}
                autoFocus={question?.suggested ?? Rating.Good}
                disabled={session.saving}
                label={question?.suggested !== undefined ? EARNED[question.suggested] : 'How well did you remember?'}
                onPick={(rating) => void actions().grade(rating)}
              />
            ) : (
              <Button
                tone="primary"
                autoFocus={!question}
                disabled={!questionShown}
                aria-busy={questionShown ? undefined : true}
                onClick={() => actions().reveal()}
                className="min-w-48"
              >
                {question ? 'Submit answer' : 'Show answer'} <kbd className="ms-2 text-sm">Space</kbd>
              </Button>
            )}
            <StudyToolbar canUndo={canUndo} canEdit={editable} onCommand={(c) => run(c, open)} />
          </footer>
        </>
      ) : (
        <>
          <DoneView step={step} />
          {canUndo && (
            <div className="flex justify-center">
              <Button onClick={() => void actions().undoLast()}>
                Undo last answer <kbd className="ms-1 text-xs">Ctrl+Z</kbd>
              </Button>
            </div>
          )}
        </>
      )}
      {panel === 'edit' && card && <LazyView part={editCard} what="the card editor" props={{ card, onClose: () => setPanel(null) }} />}
      {panel === 'info' && card && <LazyView part={cardHistory} what="the card's history" props={{ onClose: () => setPanel(null) }} />}
    </main>
  )
}
