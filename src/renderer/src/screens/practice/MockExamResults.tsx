import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { QuestionView } from '@components/question/QuestionView'
import { responseTo } from '@core/mock-exam/simulation'
import { checkResponse } from '@core/questions/question'
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
        {score.scaledScore !== undefined && (
          <p className="text-xl tabular-nums" data-testid="scaled">
            about {score.scaledScore} of 1000 <span className="text-sm">(pass: {score.passingScore})</span>
          </p>
        )}
        <p className={`text-xl font-semibold ${score.passed ? 'text-green-800 dark:text-green-200' : 'text-red-800 dark:text-red-200'}`}>
          {score.passed ? 'Passed' : 'Not passed'}
        </p>
        <p className="text-slate-700 dark:text-slate-300">
          {score.correct} of {score.total} right · {score.total - score.answered} unanswered
          {score.scaledScore === undefined ? ` · pass mark ${exam.settings.passMarkPercent} %` : ''}
          {exam.finishedBy === 'time' ? ' · time ran out' : ''}
        </p>
        {score.scaledScore !== undefined && (
          <p className="w-full text-sm text-slate-700 dark:text-slate-300">
            AWS does not publish how it turns answers into its 100–1000 score; this one is a straight line from the share right.
          </p>
        )}
      </section>
      {run.error && <Alert>{run.error}</Alert>}

      {[
        {
          id: 'domains',
          title: 'By domain',
          what: 'Domain',
          rows: score.byDomain.map((d) => ({ ...d, label: `${d.key}. ${d.name} (${d.weight} % of the exam)` }))
        },
        {
          id: 'tasks',
          title: 'By task statement',
          what: 'Task statement',
          rows: score.byTask.filter((t) => t.total > 0).map((t) => ({ ...t, label: `${t.key.split(' ')[1]} ${t.name}` }))
        },
        { id: 'tags', title: 'By topic', what: 'Topic', rows: score.byTag.map((t) => ({ ...t, label: t.name })) }
      ].map((area) => area.rows.length > 0 && <AreaTable key={area.id} {...area} passPercent={exam.settings.passMarkPercent} />)}

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
            <ol className="flex flex-col gap-4" data-testid="missed">
              {score.missed.map((i) => {
                const question = exam.questions[i]!
                const response = responseTo(exam, i)
                return (
                  <li key={question.cardKey} className="flex flex-col gap-1">
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      Question {i + 1}
                      {question.tasks.length > 0 && ` · task ${question.tasks.join(', ')}`}
                      {exam.responses[i] === null && ' · not answered'}
                      {question.fromCard && ' · made from a fact card'}
                    </p>
                    <QuestionView
                      shown={question.shown}
                      response={response}
                      check={checkResponse(question.shown, response)}
                      onChoose={() => undefined}
                      onMatch={() => undefined}
                    />
                  </li>
                )
              })}
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

interface AreaRow {
  key: string
  label: string
  total: number
  correct: number
  percent: number
}

/** Questions right per domain, task statement or topic, with a bar against the pass mark. */
function AreaTable({
  id,
  title,
  what,
  rows,
  passPercent
}: {
  id: string
  title: string
  what: string
  rows: AreaRow[]
  passPercent: number
}) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="mb-2 text-lg font-semibold">
        {title}
      </h2>
      <table className="w-full text-sm tabular-nums" data-testid={`by-${id}`}>
        <thead>
          <tr className="text-left">
            <th scope="col" className="pb-1">
              {what}
            </th>
            <th scope="col" className="pb-1">
              Right
            </th>
            <th scope="col" className="w-1/4 pb-1">
              <span className="sr-only">Share right</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.key} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-3">{t.label}</td>
              <td className="pr-3 whitespace-nowrap">
                {t.correct}/{t.total} {t.total > 0 && `(${t.percent} %)`}
              </td>
              <td>
                <div className="h-2 rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
                  <div
                    className={`h-2 rounded ${t.percent >= passPercent ? 'bg-green-600 dark:bg-green-400' : 'bg-red-500 dark:bg-red-400'}`}
                    style={{ width: `${t.percent}%` }}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
