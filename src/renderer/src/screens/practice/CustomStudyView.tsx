import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { CardFace } from '@components/CardFace'
import { GradeButtons } from '@components/GradeButtons'
import { SessionHeader } from '@screens/practice/SessionHeader'
import { plainKey, useWindowKeys } from '@screens/practice/use-window-keys'
import { actions, useRecall } from '@store'
import type { CustomSession } from '@store/practice-custom-slice'
import { useEffect, useRef } from 'react'
import { Rating, type Grade } from 'ts-fsrs'

const GRADES: Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
const KEYS: Record<Grade, string> = { [Rating.Again]: '1', [Rating.Hard]: '2', [Rating.Good]: '3', [Rating.Easy]: '4' }
const DIGITS: Record<string, Grade> = { '1': Rating.Again, '2': Rating.Hard, '3': Rating.Good, '4': Rating.Easy }

/** Space shows the answer, then moves on (Good when rescheduling); 1–4 grade when rescheduling; Esc leaves. */
function handleKey(key: string, session: CustomSession): boolean {
  const a = actions()
  if (key === 'Escape') {
    void a.showPracticeHome()
    return true
  }
  if (!session.card) return false
  const go = key === 'Enter' || key === ' '
  if (!session.revealed) {
    if (go) a.revealCustom()
    return go
  }
  if (session.mode === 'preview') {
    if (go) void a.nextCustom()
    return go
  }
  const grade = go ? Rating.Good : DIGITS[key]
  if (grade !== undefined) void a.nextCustom(grade)
  return grade !== undefined
}

export function CustomStudyView() {
  const session = useRecall((s) => s.customSession)!
  const questionRef = useRef<HTMLElement>(null)
  useWindowKeys((press) => plainKey(press) && handleKey(press.key, session))
  useEffect(() => questionRef.current?.focus(), [session.index])
  const { card } = session
  const preview = session.mode === 'preview'

  return (
    <main className="flex grow basis-0 flex-col gap-4" aria-label={`Custom study: ${session.title}`}>
      <SessionHeader
        title={
          <>
            {session.title}
            <span
              className={`ms-2 rounded px-2 py-0.5 text-xs font-medium ${preview ? 'bg-slate-200 dark:bg-slate-700' : 'bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100'}`}
            >
              {preview ? 'Preview: nothing is saved' : 'Rescheduling'}
            </span>
          </>
        }
      >
        <span
          className="tabular-nums text-slate-600 dark:text-slate-400"
          aria-label={`Card ${Math.min(session.index + 1, session.keys.length)} of ${session.keys.length}`}
        >
          {Math.min(session.index + 1, session.keys.length)} / {session.keys.length}
        </span>
      </SessionHeader>
      {session.error && <Alert>{session.error}</Alert>}
      {card ? (
        <>
          <CardFace
            question={card.question}
            answer={card.answer}
            extra={card.extra}
            revealed={session.revealed}
            questionRef={questionRef}
            cloze={card.cloze !== undefined}
          />
          <footer className="flex justify-center">
            {!session.revealed ? (
              <Button tone="primary" autoFocus onClick={() => actions().revealCustom()} className="min-w-48">
                Show answer <kbd className="ms-2 text-sm font-normal">Space</kbd>
              </Button>
            ) : preview ? (
              <Button tone="primary" autoFocus onClick={() => void actions().nextCustom()} className="min-w-48">
                Next <kbd className="ms-2 text-sm font-normal">Space</kbd>
              </Button>
            ) : (
              <GradeButtons
                grades={GRADES}
                outcomes={session.outcomes!}
                now={session.shownAt}
                keys={KEYS}
                disabled={session.saving}
                label="How well did you remember?"
                onPick={(r) => void actions().nextCustom(r)}
              />
            )}
          </footer>
        </>
      ) : (
        <section className="flex flex-1 flex-col items-center justify-center gap-4 text-center" data-testid="done" aria-live="polite">
          <h2 className="text-2xl font-bold">Custom study finished</h2>
          <p className="max-w-md text-slate-600 dark:text-slate-400">
            {preview
              ? `You went through ${session.keys.length} card${session.keys.length === 1 ? '' : 's'}. This was a preview: no card was rescheduled.`
              : `You graded ${session.graded} card${session.graded === 1 ? '' : 's'}; FSRS has scheduled them.`}
          </p>
          <Button tone="primary" autoFocus onClick={() => void actions().showPracticeHome()}>
            Back to practice
          </Button>
        </section>
      )}
    </main>
  )
}
