import { Alert } from '@components/Alert'
import { inputClass } from '@components/FormField'
import { plural } from '@core/format'
import { longDate } from '@core/time/format'
import { actions } from '@store'
import type { ExamPlanEntry } from '@store/exam-plan-slice'

/** "If I study X new cards a day": the day the last new card comes, and the days left for review after it. */
export function NewCardPlan({ entry, id }: { entry: ExamPlanEntry; id: string }) {
  const { newCards, forecast } = entry
  if (!newCards || !forecast) return null
  const { plan } = newCards
  const inputId = `${id}-new-per-day`
  return (
    <div className="flex flex-col gap-2 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-900" data-testid="new-card-plan">
      <label htmlFor={inputId} className="flex flex-wrap items-center gap-2">
        If I study
        <input
          id={inputId}
          className={`${inputClass} w-20`}
          inputMode="numeric"
          value={newCards.perDay}
          aria-invalid={newCards.error ? true : undefined}
          aria-describedby={newCards.error ? `${inputId}-error` : undefined}
          onChange={(e) => actions().planExamNewCards(entry.exam.id, e.target.value)}
        />
        new cards a day (all the exam’s decks together)
      </label>
      {newCards.error && (
        <Alert kind="inline" id={`${inputId}-error`}>
          {newCards.error}
        </Alert>
      )}
      {plan && (
        <p aria-live="polite" data-testid="new-card-plan-text">
          {plan.unseen === 0 ? (
            <>Every card has been studied: all {plural(forecast.daysLeft, 'day')} before the exam are for review.</>
          ) : plan.daysNeeded === null || plan.lastNewDay === null ? (
            <>
              With no new card a day, the {plural(plan.unseen, 'new card')} are never studied: {plural(plan.unseenAtExam, 'card')} still new
              on exam day.
            </>
          ) : plan.beforeExam ? (
            <>
              The last of the {plural(plan.unseen, 'new card')} comes in <strong>{plural(plan.daysNeeded, 'day')}</strong> (
              {longDate(plan.lastNewDay)}), before the exam: <strong>{plural(plan.reviewOnlyDays, 'day')}</strong> left for review only.
            </>
          ) : (
            <>
              The last of the {plural(plan.unseen, 'new card')} would come in <strong>{plural(plan.daysNeeded, 'day')}</strong> (
              {longDate(plan.lastNewDay)}), not before the exam: <strong>{plural(plan.unseenAtExam, 'card')}</strong> still new on exam day.
            </>
          )}
        </p>
      )}
    </div>
  )
}
