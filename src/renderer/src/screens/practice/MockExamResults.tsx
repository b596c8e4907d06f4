import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { CardText } from '@components/CardText'
import { ConfirmDialog } from '@screens/practice/ConfirmDialog'
import { useWindowKeys } from '@screens/practice/use-window-keys'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

/** The score, pass or fail, the weakest topics, and every missed question with its right answer. */
export function MockExamResults() {
  const run = useRecall((s) => s.mockExam)!
  const [confirming, setConfirming] = useState(false)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const scored = run.score !== undefined
  // The exam's buttons are gone: the result's title takes the focus, and a screen reader reads it.
  useEffect(() => {
    if (scored) titleRef.current?.focus()
  }, [scored])
  useWindowKeys((press) => {
    if (press.key !== 'Escape') return false
    void actions().showPracticeHome()
    return true
  }, !confirming)
  const { score, exam } = run
  if (!score) {
    return (
      <main className="flex flex-1 items-center justify-center" aria-busy="true">
        <p aria-live="polite">Scoring…</p>
      </main>
    )
  }
  const relearn = run.relearn
  return (
    <main className="flex flex-col gap-6" aria-labelledby="result-title">
      <header className="flex items-center gap-4">
        <Button onClick={() => void actions().showPracticeHome()} aria-label="Back to practice (Esc)">
          ← Practice
        </Button>
        <h1 id="result-title" ref={titleRef} tabIndex={-1} className="text-2xl font-bold outline-none">
          Exam result
        </h1>
      </header>

      <section
        aria-label="Score"
        data-testid="score"
        className={`flex flex-wrap items-baseline gap-x-6 gap-y-2 rounded-lg p-5 ring-1 ${
          score.passed
            ? 'bg-green-50 ring-green-300 dark:bg-green-950 dark:ring-green-800'
            : 'bg-red-50 ring-red-300 dark:bg-red-950 dark:ring-red-800'
        }`}
      >
        <p className="text-4xl font-bold tabular-nums">{score.score} %</p>
        <p className={`text-xl font-semibold ${score.passed ? 'text-green-800 dark:text-green-200' : 'text-red-800 dark:text-red-200'}`}>
          {score.passed ? 'Passed' : 'Not passed'}
        </p>
        <p className="text-slate-700 dark:text-slate-300">
          {score.correct} of {score.total} right · {score.total - score.answered} unanswered · pass mark {exam.settings.passMarkPercent} %
          {exam.finishedBy === 'time' ? ' · time ran out' : ''}
        </p>
      </section>
      {run.error && <Alert>{run.error}</Alert>}

      <section aria-labelledby="tags-title">
        <h2 id="tags-title" className="mb-2 text-lg font-semibold">
          By topic
        </h2>
        <table className="w-full text-sm tabular-nums">
          <thead>
            <tr className="text-left">
              <th scope="col" className="pb-1">
                Topic
              </th>
              <th scope="col" className="pb-1">
                Right
              </th>
              <th scope="col" className="w-1/3 pb-1">
                <span className="sr-only">Share right</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {score.byTag.map((t) => (
              <tr key={t.tag} className="border-t border-slate-200 dark:border-slate-700">
                <td className="py-1 pr-3">{t.tag}</td>
                <td className="pr-3">
                  {t.correct}/{t.total} ({t.percent} %)
                </td>
                <td>
                  <div className="h-2 rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
                    <div
                      className={`h-2 rounded ${t.percent >= exam.settings.passMarkPercent ? 'bg-green-600 dark:bg-green-400' : 'bg-red-500 dark:bg-red-400'}`}
                      style={{ width: `${t.percent}%` }}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="missed-title" className="flex flex-col gap-3">
        <h2 id="missed-title" className="text-lg font-semibold">
          Missed questions ({score.missed.length})
        </h2>
        {score.missed.length === 0 ? (
          <p>None: every question was answered right.</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-3">
              <Button disabled={relearn !== undefined} onClick={() => setConfirming(true)}>
                Send missed cards to relearning
              </Button>
              {relearn && (
                <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
                  {relearn.message}
                </p>
              )}
              {relearn?.undo && <Button onClick={() => void actions().undoRelearning()}>Undo</Button>}
            </div>
            <ol className="flex flex-col gap-3" data-testid="missed">
              {score.missed.map((m) => (
                <li
                  key={m.cardKey}
                  className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
                >
                  <CardText text={m.question} className="font-semibold" />
                  <p className="mt-2 text-sm text-red-800 dark:text-red-300">{m.chosen === undefined ? 'Not answered' : 'Your answer:'}</p>
                  {m.chosen !== undefined && <CardText text={m.chosen} className="text-sm text-slate-700 dark:text-slate-300" />}
                  <p className="mt-2 text-sm text-green-800 dark:text-green-300">Right answer:</p>
                  <CardText text={m.rightAnswer} className="text-sm" />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      {confirming && (
        <ConfirmDialog
          title="Send the missed cards to relearning?"
          confirmLabel="Send to relearning"
          onConfirm={() => void actions().sendMissedToRelearning()}
          onClose={() => setConfirming(false)}
        >
          The {score.missed.length} missed card{score.missed.length === 1 ? '' : 's'} you have studied before become due now, as if
          forgotten, and FSRS schedules them again from your next answer. Cards you have not studied yet stay new. You can undo this.
        </ConfirmDialog>
      )}
    </main>
  )
}
