import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import type { RecallEstimate } from '@core/exam-plan/recall-estimate'
import { percent, plural } from '@core/format'
import { longDate } from '@core/time/format'
import { NewCardPlan } from '@screens/exam-plan/NewCardPlan'
import { StudyPlanChart } from '@screens/exam-plan/StudyPlanChart'
import { ReadinessPanel } from '@screens/exam-plan/ReadinessPanel'
import { TopicReadinessTable } from '@screens/exam-plan/TopicReadinessTable'
import { actions, useRecall } from '@store'
import type { ExamPlanEntry } from '@store/exam-plan-slice'
import { useState } from 'react'

function Recall({ label, estimate, testId }: { label: string; estimate: RecallEstimate; testId: string }) {
  return (
    <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd>
        <span className="text-2xl font-semibold tabular-nums" data-testid={testId}>
          {percent(estimate.mean)}
        </span>{' '}
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {/* A never-studied card counts 0, so a range that ends at 0 means nothing is studied yet. */}
          {estimate.high === 0 ? '(not studied yet)' : `(90% range ${percent(estimate.low)}–${percent(estimate.high)})`}
        </span>
      </dd>
    </div>
  )
}

/** The place of a figure the simulation gives: "Forecasting…" while it is on its way, "—" if it failed. */
function Pending({ label, waiting }: { label: string; waiting: boolean }) {
  return (
    <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900" aria-busy={waiting}>
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-2xl font-semibold text-slate-500 dark:text-slate-400" data-testid="recall-studying-pending">
        {waiting ? 'Forecasting…' : '—'}
      </dd>
    </div>
  )
}

/** One exam: the countdown, the predicted recall, the work it takes and the weakest topics. */
export function ExamPlanCard({ entry }: { entry: ExamPlanEntry }) {
  const { exam, forecast, simulation } = entry
  // The simulation is computed off the page after the other figures: until it arrives its places say so.
  const waiting = !simulation && !entry.simulationError
  const deckNames = useRecall((s) => exam.deckIds.map((id) => s.library.decks.find((d) => d.id === id)?.name ?? id).join(', '))
  const [confirming, setConfirming] = useState(false)
  const id = `exam-${exam.id}`
  return (
    <article
      aria-labelledby={`${id}-name`}
      className="flex flex-col gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      data-testid="exam"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-name`} className="text-xl font-semibold">
            {exam.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {longDate(exam.date)}
            {exam.blueprint ? ` · ${exam.blueprint}` : ''} · {deckNames} · exam mode {exam.examMode ? 'on' : 'off'} · target{' '}
            {percent(exam.targetRecall)}
          </p>
        </div>
        {forecast && (
          <p className="text-right">
            <span className="block text-4xl font-bold tabular-nums text-blue-700 dark:text-blue-300" data-testid="days-left">
              {forecast.daysLeft}
            </span>
            <span className="text-sm text-slate-600 dark:text-slate-400">{forecast.daysLeft === 1 ? 'day left' : 'days left'}</span>
          </p>
        )}
      </header>

      {entry.error && <Alert>{entry.error}</Alert>}

      {forecast && (
        <>
          <dl className="grid gap-3 sm:grid-cols-2">
            <Recall
              label="Predicted recall on exam day if you stop studying now"
              estimate={forecast.recallIfStopping}
              testId="recall-now"
            />
            {simulation ? (
              <Recall label="If you keep studying as scheduled" estimate={simulation.recallIfStudying} testId="recall-studying" />
            ) : (
              <Pending label="If you keep studying as scheduled" waiting={waiting} />
            )}
          </dl>
          <ul className="list-disc ps-5 text-sm">
            <li>
              To see every card before the exam: <strong>{forecast.newCardsPerDayNeeded ?? '—'}</strong> new cards a day (
              {plural(forecast.unseen, 'card')} not studied yet; your limits allow {forecast.newCardsPerDayAllowed} a day).
            </li>
            {simulation && (
              <li>
                Studying as scheduled means about <strong>{Math.round(simulation.reviewsPerDay)}</strong> answers a day.
              </li>
            )}
            {forecast.belowTarget > 0 && (
              <li>
                {plural(forecast.belowTarget, 'studied card')} would be below your {percent(exam.targetRecall)} target on exam day with no
                review scheduled before it.
              </li>
            )}
          </ul>
          <NewCardPlan entry={entry} id={id} />
          {forecast.warnings.length > 0 && (
            <div
              className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
              data-testid="exam-warning"
            >
              <p className="font-semibold">Not every card fits before the exam</p>
              <ul className="list-disc ps-5">
                {forecast.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          {entry.readiness ? (
            <ReadinessPanel readiness={entry.readiness} mockExams={entry.mockExams ?? []} id={id} />
          ) : (
            <TopicReadinessTable topics={forecast.topics} target={exam.targetRecall} id={id} />
          )}
          {simulation && simulation.plan.length > 0 && <StudyPlanChart plan={simulation.plan} id={id} />}
          {waiting && (
            <p role="status" aria-busy="true" className="text-sm text-slate-600 dark:text-slate-400" data-testid="forecasting">
              Forecasting your study days until the exam…
            </p>
          )}
          {entry.simulationError && <Alert>{entry.simulationError}</Alert>}
        </>
      )}

      <footer className="flex flex-wrap items-center gap-2">
        {confirming ? (
          <>
            <span className="text-sm" role="status">
              Delete “{exam.name}”? Your cards and progress are kept.
            </span>
            <Button
              tone="primary"
              autoFocus
              onClick={() => void actions().deleteExamPlan(exam.id)}
              onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
            >
              Delete
            </Button>
            <Button onClick={() => setConfirming(false)}>Keep it</Button>
          </>
        ) : (
          <>
            <Button onClick={() => actions().editExamPlan(exam.id)} aria-label={`Edit ${exam.name}`}>
              Edit
            </Button>
            <Button onClick={() => setConfirming(true)} aria-label={`Delete ${exam.name}`}>
              Delete
            </Button>
          </>
        )}
      </footer>
    </article>
  )
}
