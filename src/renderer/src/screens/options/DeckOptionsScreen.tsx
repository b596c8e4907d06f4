import { Button } from '@components/Button'
import { FormField, inputClass } from '@components/FormField'
import type { OptionsForm } from '@core/scheduling/options-validation'
import { BalancingOptions } from '@screens/options/BalancingOptions'
import { OptimizerPanel } from '@screens/options/OptimizerPanel'
import { SiblingBurying } from '@screens/options/SiblingBurying'
import { WorkloadSimulator } from '@screens/options/WorkloadSimulator'
import { actions, useRecall } from '@store'

type TextKey = 'request_retention' | 'maximum_interval' | 'learning_steps' | 'relearning_steps' | 'newCardsPerDay' | 'reviewsPerDay'

const TEXT_FIELDS: Array<{ key: TextKey; label: string; hint: string }> = [
  { key: 'newCardsPerDay', label: 'New cards per day', hint: 'How many cards you meet for the first time each day.' },
  { key: 'reviewsPerDay', label: 'Maximum reviews per day', hint: 'Reviews beyond this wait for the next day.' },
  { key: 'learning_steps', label: 'Learning steps', hint: 'Anki syntax: "1m 10m" shows a new card again after 1 and 10 minutes.' },
  { key: 'relearning_steps', label: 'Relearning steps', hint: 'Steps for a card you forgot, e.g. "10m".' },
  {
    key: 'request_retention',
    label: 'Desired retention',
    hint: 'The chance of remembering a card when it is due, 0.70 to 0.99. Higher means more reviews.'
  },
  { key: 'maximum_interval', label: 'Maximum interval (days)', hint: 'No review is scheduled further away than this.' }
]

export function DeckOptionsScreen() {
  const editor = useRecall((s) => s.optionsEditor)
  const deckName = useRecall((s) => s.library.decks.find((d) => d.id === s.optionsEditor?.deckId)?.name)
  if (!editor) return null
  const busy = editor.status !== 'editing'
  const edit = (patch: Partial<OptionsForm> & { dayStartsAtHour?: string; presetName?: string }) => actions().editOptions(patch)
  const textInput = (key: TextKey) => (
    <input
      id={key}
      className={inputClass}
      value={editor.form[key]}
      aria-invalid={editor.errors[key] ? true : undefined}
      aria-describedby={editor.errors[key] ? `${key}-error` : `${key}-hint`}
      onChange={(e) => edit({ [key]: e.target.value })}
    />
  )

  return (
    <main className="flex flex-col gap-6" aria-labelledby="options-title">
      <header className="flex items-center gap-4">
        <Button onClick={() => actions().goTo({ name: 'decks' })}>← Decks</Button>
        <h1 id="options-title" className="text-2xl font-bold">
          Options: {deckName}
        </h1>
      </header>
      <form
        className="grid gap-5 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault()
          void actions().saveOptions()
        }}
      >
        <FormField id="preset" label="Preset" hint="Decks that share a preset share these options.">
          <select id="preset" className={inputClass} value={editor.presetId} onChange={(e) => actions().choosePreset(e.target.value)}>
            {editor.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="presetName" label="Preset name">
          <input id="presetName" className={inputClass} value={editor.presetName} onChange={(e) => edit({ presetName: e.target.value })} />
        </FormField>
        {TEXT_FIELDS.map((f) => (
          <FormField key={f.key} id={f.key} label={f.label} hint={f.hint} error={editor.errors[f.key]}>
            {textInput(f.key)}
          </FormField>
        ))}
        <FormField id="newCardOrder" label="New card order">
          <select
            id="newCardOrder"
            className={inputClass}
            value={editor.form.newCardOrder}
            onChange={(e) => edit({ newCardOrder: e.target.value as OptionsForm['newCardOrder'] })}
          >
            <option value="deck">In deck order</option>
            <option value="random">Random</option>
          </select>
        </FormField>
        <FormField id="studyOrder" label="Show first">
          <select
            id="studyOrder"
            className={inputClass}
            value={editor.form.studyOrder}
            onChange={(e) => edit({ studyOrder: e.target.value as OptionsForm['studyOrder'] })}
          >
            <option value="reviews-first">Reviews, then new cards</option>
            <option value="new-first">New cards, then reviews</option>
          </select>
        </FormField>
        <FormField
          id="dayStartsAtHour"
          label="Next day starts at (hour, all decks)"
          hint="0–23; like Anki, 4 means a session at 2 am counts for the day before."
        >
          <input
            id="dayStartsAtHour"
            className={inputClass}
            inputMode="numeric"
            value={editor.dayStartsAtHour}
            onChange={(e) => edit({ dayStartsAtHour: e.target.value })}
          />
        </FormField>
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" checked={editor.form.enable_fuzz} onChange={(e) => edit({ enable_fuzz: e.target.checked })} />
          Spread reviews a little (interval fuzz)
        </label>
        <BalancingOptions form={editor.form} error={editor.errors.easyDays} edit={edit} />
        <SiblingBurying form={editor.form} edit={edit} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button tone="primary" type="submit" disabled={busy}>
            Save
          </Button>
          <Button disabled={busy} onClick={() => void actions().saveOptions(true)}>
            Save as new preset
          </Button>
          <Button disabled={busy} onClick={() => void actions().saveAndReschedule()}>
            Save and reschedule studied cards
          </Button>
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            {editor.message}
          </p>
        </div>
      </form>
      <OptimizerPanel disabled={busy} />
      <WorkloadSimulator />
    </main>
  )
}
