import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { DeckSelect } from '@components/DeckSelect'
import { hintClass, inputClass } from '@screens/practice/form'
import { PracticePanel } from '@screens/practice/PracticePanel'
import { actions, useRecall } from '@store'
import type { CustomForm, CustomKind } from '@store/practice-custom-slice'
import { useEffect } from 'react'

const KINDS: Array<{ kind: CustomKind; label: string; field: 'days' | 'tags' | 'count'; fieldLabel: string }> = [
  { kind: 'review-ahead', label: 'Review ahead', field: 'days', fieldLabel: 'Days ahead' },
  { kind: 'tags', label: 'Study by tag', field: 'tags', fieldLabel: 'Tags (separated by spaces or commas)' },
  { kind: 'forgotten', label: 'Review forgotten cards', field: 'days', fieldLabel: 'Forgotten in the last … days' },
  { kind: 'preview-new', label: 'Preview new cards', field: 'count', fieldLabel: 'Number of new cards' }
]

/** Anki's custom study: a one-off session outside today's queue, a preview unless asked to reschedule. */
export function CustomStudySetup() {
  const form = useRecall((s) => s.practice.customForm)
  const error = useRecall((s) => s.practice.customError)
  const tags = useRecall((s) => s.practice.tags)
  const decks = useRecall((s) => s.library.decks)
  const edit = (patch: Partial<CustomForm>) => actions().editCustomForm(patch)
  const current = KINDS.find((k) => k.kind === form.kind)!

  useEffect(() => {
    if (form.kind === 'tags') void actions().loadCustomTags()
  }, [form.kind, form.deckId])

  return (
    <PracticePanel id="custom" title="Custom study" hint={<>Go through cards outside today’s schedule, as in Anki.</>}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault()
          void actions().startCustomStudy()
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="custom-deck" className="font-medium">
            Deck
          </label>
          <DeckSelect
            id="custom-deck"
            className="max-w-sm"
            decks={decks}
            value={form.deckId}
            onChoose={(deckId) => edit({ deckId })}
            all={{ value: '', label: 'All decks' }}
          />
        </div>
        <fieldset className="flex flex-wrap gap-x-5 gap-y-1">
          <legend className="mb-1 font-medium">What to study</legend>
          {KINDS.map((k) => (
            <label key={k.kind} className="flex items-center gap-2">
              <input type="radio" name="custom-kind" checked={form.kind === k.kind} onChange={() => edit({ kind: k.kind })} />
              {k.label}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="custom-value" className="font-medium">
            {current.fieldLabel}
          </label>
          <input
            id="custom-value"
            className={`${inputClass} ${current.field === 'tags' ? 'max-w-sm' : 'w-24'}`}
            inputMode={current.field === 'tags' ? 'text' : 'numeric'}
            list={current.field === 'tags' ? 'custom-tags' : undefined}
            value={form[current.field]}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'custom-error' : undefined}
            onChange={(e) => edit({ [current.field]: e.target.value })}
          />
          {current.field === 'tags' && (
            <datalist id="custom-tags">
              {tags.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          )}
        </div>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={form.reschedule}
            onChange={(e) => edit({ reschedule: e.target.checked })}
            aria-describedby="reschedule-hint"
          />
          <span>
            Reschedule cards I answer
            <span id="reschedule-hint" className={`block ${hintClass}`}>
              {form.reschedule
                ? 'Your grades are saved and FSRS schedules each card as in normal study.'
                : 'Off: a preview. Nothing is saved and no card is rescheduled.'}
            </span>
          </span>
        </label>
        {error && (
          <Alert kind="inline" id="custom-error">
            {error}
          </Alert>
        )}
        <div>
          <Button tone="primary" type="submit">
            Start custom study
          </Button>
        </div>
      </form>
    </PracticePanel>
  )
}
