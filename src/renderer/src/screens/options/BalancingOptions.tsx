import { inputClass } from '@components/FormField'
import type { OptionsForm } from '@core/scheduling/options-validation'

/** Monday first on screen, as a week reads; stored Sunday first (JavaScript's weekday numbers). */
const WEEK = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 0, name: 'Sunday' }
]

const LOADS = [
  { value: 1, label: 'Normal' },
  { value: 0.5, label: 'Reduced' },
  { value: 0, label: 'Minimum' }
]

/** Anki's load balancer and easy days: where in its fuzz range a review lands. */
export function BalancingOptions({
  form,
  error,
  edit
}: {
  form: OptionsForm
  error: string | undefined
  edit: (patch: Partial<OptionsForm>) => void
}) {
  const setDay = (day: number, load: number) => edit({ easyDays: form.easyDays.map((l, i) => (i === day ? load : l)) })
  return (
    <fieldset className="sm:col-span-2 flex flex-col gap-2" disabled={!form.enable_fuzz}>
      <legend className="font-medium">Balancing reviews</legend>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={form.loadBalancing} onChange={(e) => edit({ loadBalancing: e.target.checked })} />
        Balance the load: place each review on a lighter day of its fuzz range (as Anki&rsquo;s load balancer)
      </label>
      <p id="easyDays-hint" className="text-sm text-slate-600 dark:text-slate-400">
        Easy days (as in Anki): fewer reviews on the days you choose. A review only moves within its fuzz range, so memory is not traded
        away; needs interval fuzz on.
      </p>
      <div
        className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7"
        role="group"
        aria-describedby={error ? 'easyDays-error' : 'easyDays-hint'}
      >
        {WEEK.map(({ day, name }) => (
          <label key={day} className="flex flex-col text-sm">
            {name}
            <select className={inputClass} value={form.easyDays[day] ?? 1} onChange={(e) => setDay(day, Number(e.target.value))}>
              {LOADS.map((load) => (
                <option key={load.value} value={load.value}>
                  {load.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {error ? (
        <p id="easyDays-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
