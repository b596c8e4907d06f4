import { inputClass } from '@components/FormField'
import { actions, useRecallShallow } from '@store'

/** The daily reminder: off by default; turning it on may show the browser's permission prompt. */
export function ReminderSettings() {
  const { available, enabled, time, nextAt, message, failed } = useRecallShallow((s) => s.reminder)
  return (
    <section
      aria-labelledby="reminder-title"
      className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
    >
      <h2 id="reminder-title" className="text-lg font-semibold">
        Daily reminder
      </h2>
      <p id="reminder-help" className="text-sm text-slate-600 dark:text-slate-300">
        {available
          ? 'At the time you choose, Recall shows a notification if cards are due for review. Recall has to be open (it can be in the background).'
          : 'This browser cannot show notifications.'}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="h-4 w-4 focus-visible:outline-2 focus-visible:outline-blue-500"
            checked={enabled}
            disabled={!available}
            aria-describedby="reminder-help"
            onChange={(event) => void actions().setReminderEnabled(event.target.checked)}
          />
          Remind me every day
        </label>
        <label className="flex items-center gap-2">
          at
          <input
            type="time"
            className={inputClass}
            value={time}
            disabled={!available}
            aria-invalid={failed && message?.startsWith('Enter a time') ? true : undefined}
            onChange={(event) => void actions().setReminderTime(event.target.value)}
          />
        </label>
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {enabled && nextAt !== undefined && !failed && (
          <p className="text-slate-600 dark:text-slate-300">
            Next reminder: {new Date(nextAt).toLocaleString(undefined, { weekday: 'long', hour: '2-digit', minute: '2-digit' })}.
          </p>
        )}
        {message && <p className={failed ? 'rounded-md bg-red-100 p-3 text-red-900 dark:bg-red-950 dark:text-red-100' : ''}>{message}</p>}
      </div>
    </section>
  )
}
