import type { OptionsForm } from '@core/scheduling/options-validation'

type BuryKey = 'buryNewSiblings' | 'buryReviewSiblings' | 'buryInterdayLearningSiblings'

const OPTIONS: Array<{ key: BuryKey; label: string }> = [
  { key: 'buryNewSiblings', label: 'Bury new siblings' },
  { key: 'buryReviewSiblings', label: 'Bury review siblings' },
  { key: 'buryInterdayLearningSiblings', label: 'Bury interday learning siblings' }
]

/** Anki's burying options: siblings (the cards of one note) are not studied on the same day. */
export function SiblingBurying({ form, edit }: { form: OptionsForm; edit: (patch: Partial<OptionsForm>) => void }) {
  return (
    <fieldset className="flex flex-col gap-2 sm:col-span-2" aria-describedby="burying-hint">
      <legend className="font-medium">Burying siblings</legend>
      <p id="burying-hint" className="text-sm text-slate-600 dark:text-slate-400">
        Siblings are the cards of one note: a card and its reverse, or the deletions of a cloze. Seeing one would give the other away, so
        when you answer a card, its siblings waiting today (new, review or learning from an earlier day) wait until the next day, and a
        day&rsquo;s cards never include two siblings. As in Anki.
      </p>
      {OPTIONS.map(({ key, label }) => (
        <label key={key} className="flex items-center gap-2">
          <input id={key} type="checkbox" checked={form[key]} onChange={(e) => edit({ [key]: e.target.checked })} />
          {label}
        </label>
      ))}
    </fieldset>
  )
}
