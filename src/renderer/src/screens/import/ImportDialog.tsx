import { clozeAnswer, clozeQuestion, parseCloze } from '@shared/deck/cloze'
import { plural } from '@core/format'
import { answerText } from '@core/notes/cards-of-note'
import type { ImportProgress } from '@shared/deck/import-progress'
import { renderNoteCards } from '@shared/deck/anki-template'
import type { Note, NoteType } from '@shared/deck/schema'
import { Button } from '@components/Button'
import { CardText } from '@components/CardText'
import { Dialog } from '@components/Dialog'
import { CsvReading } from '@screens/import/CsvReading'
import { DeckNameField } from '@screens/import/DeckNameField'
import { formatProblem } from '@shared/deck/problems'
import { agree } from '@shared/plural'
import { actions, useRecall } from '@store'
import { useRef } from 'react'

const PREVIEW_CARDS = 5
const SHOWN_PROBLEMS = 200

/** What an import would do, confirmed or cancelled by the person before anything changes. */
export function ImportDialog() {
  const importer = useRecall((s) => s.importer)
  const nameInput = useRef<HTMLInputElement>(null)
  if (!importer) return null
  const { deck, plan, problems, status } = importer
  const close = () => actions().closeImport()
  // A name that cannot be used keeps the dialog open with the keyboard in the name field.
  const confirm = async () => {
    if (await actions().confirmImport()) nameInput.current?.focus()
  }

  return (
    <Dialog title={`Import ${importer.fileName}`} onClose={close} width="max-w-2xl" testId="import-dialog">
      {status === 'reading' && <ReadingProgress fileName={importer.fileName} progress={importer.progress} />}
      {status === 'importing' && deck && (
        <div className="mb-3 flex flex-col gap-1">
          <p aria-live="polite">Saving {plural(deck.notes.length, 'note')}…</p>
          <progress className="w-full" aria-label="Saving" />
        </div>
      )}
      {importer.message && (
        <p role={status === 'failed' ? 'alert' : 'status'} className={status === 'failed' ? 'mb-3 text-red-800 dark:text-red-300' : 'mb-3'}>
          {importer.message}
        </p>
      )}
      {importer.csv && (status === 'preview' || status === 'failed' || status === 'reading') && (
        <CsvReading csv={importer.csv} disabled={status === 'reading'} />
      )}
      {deck && plan && status !== 'done' && (
        <section aria-label="Preview" className="flex flex-col gap-3">
          {!plan.builtIn && (
            <DeckNameField
              value={importer.deckName ?? plan.name}
              problem={importer.nameProblem}
              inputRef={nameInput}
              disabled={status !== 'preview'}
              onConfirm={() => void confirm()}
            />
          )}
          <p data-testid="import-summary">
            {plural(deck.notes.length, 'note')}
            {importer.media?.length ? ` and ${plural(importer.media.length, 'image or sound', 'images and sounds')}` : ''} from{' '}
            {importer.fileName}
            {plan.builtIn
              ? ` update the built-in deck: ${plan.updated} changed (kept as your edits), ${plan.unchanged} unchanged; progress is kept.`
              : plan.existing
                ? ` update your deck: ${plan.added} new, ${plan.updated} changed, ${plan.unchanged} unchanged; progress is kept.`
                : ' in a new deck.'}
          </p>
          {plan.besideBuiltIn !== undefined && (
            <p className="text-sm" data-testid="import-beside-builtin">
              This file adds notes to the built-in deck “{plan.besideBuiltIn}”, which follows the app’s own version, so it comes in as your
              own deck beside it.
            </p>
          )}
          <ol className="flex flex-col gap-2">
            {deck.notes.slice(0, PREVIEW_CARDS).map((note) => (
              <li key={note.id} className="grid grid-cols-2 gap-3 rounded-md p-2 text-sm ring-1 ring-slate-200 dark:ring-slate-700">
                <CardText text={previewSides(note, deck.noteTypes)[0]} />
                <CardText text={previewSides(note, deck.noteTypes)[1]} />
              </li>
            ))}
          </ol>
          {deck.notes.length > PREVIEW_CARDS && (
            <p className="text-sm text-slate-600 dark:text-slate-400">…and {(deck.notes.length - PREVIEW_CARDS).toLocaleString()} more.</p>
          )}
          {importer.history && (
            <label className="flex items-start gap-2" data-testid="import-history">
              <input
                type="checkbox"
                className="mt-1"
                checked={importer.withHistory ?? false}
                onChange={(e) => actions().setWithHistory(e.target.checked)}
              />
              <span>
                Bring the review history ({plural(importer.history.reviewCount, 'review')} of{' '}
                {plural(importer.history.cards.length, 'card')})
                <span className="block text-sm text-slate-600 dark:text-slate-400">
                  For your own decks: the cards continue where Anki left off. Leave it off for a deck someone shared, whose progress is
                  theirs. Cards you have already studied in Recall keep their progress.
                </span>
              </span>
            </label>
          )}
          {plan.removed.length > 0 && (
            <fieldset className="rounded-md p-3 ring-1 ring-amber-400">
              <legend className="px-1 font-medium">
                {plural(plan.removed.length, 'note')} of your deck {agree(plan.removed.length, 'is', 'are')} not in this file
              </legend>
              <ul className="max-h-32 list-disc overflow-y-auto ps-5 text-sm">
                {plan.removed.map((r) => (
                  <li key={r.cardId}>{r.front}</li>
                ))}
              </ul>
              <label className="mt-2 flex items-center gap-2">
                <input type="checkbox" checked={importer.keepRemoved} onChange={(e) => actions().setKeepRemoved(e.target.checked)} />
                Keep studying them (otherwise they are set aside with their progress)
              </label>
            </fieldset>
          )}
        </section>
      )}
      {problems.length > 0 && (
        <section aria-label="Problems" className="mt-3">
          <h3 className="font-medium">
            {deck ? `${plural(problems.length, 'problem')}: what is named here was not imported` : 'Problems'}
          </h3>
          <ul className="max-h-40 list-disc overflow-y-auto ps-5 font-mono text-xs" data-testid="import-problems">
            {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="mt-4 flex justify-end gap-2">
        {status === 'reading' ? (
          <Button data-autofocus onClick={() => actions().cancelImport()}>
            Cancel
          </Button>
        ) : status === 'preview' ? (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button tone="primary" data-autofocus onClick={() => void confirm()}>
              Import {plural(deck?.notes.length ?? 0, 'note')}
            </Button>
          </>
        ) : (
          <Button tone="primary" data-autofocus onClick={close} disabled={status === 'importing'}>
            {status === 'done' ? 'Done' : 'Close'}
          </Button>
        )}
      </div>
    </Dialog>
  )
}

const STAGES: Record<ImportProgress['stage'], string> = {
  unpacking: 'Unpacking',
  reading: 'Reading notes',
  media: 'Checking images and sounds'
}

/** Reading a long file: what stage, how far, as a bar that screen readers announce. */
function ReadingProgress({ fileName, progress }: { fileName: string; progress?: ImportProgress }) {
  const label = progress ? `${STAGES[progress.stage]}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : 'Reading'
  return (
    <div className="mb-3 flex flex-col gap-1" data-testid="import-progress">
      <p aria-live="polite">
        {label} — {fileName}…
      </p>
      <progress
        className="w-full"
        aria-label={label}
        max={progress?.total || undefined}
        value={progress?.total ? progress.done : undefined}
      />
    </div>
  )
}

/** A note in the preview: what it asks, and its answer. */
function previewSides(note: Note, noteTypes: readonly NoteType[] = []): [string, string] {
  if (note.type === 'basic') return [note.front, note.back]
  if (note.type === 'fields') {
    const type = noteTypes.find((t) => t.id === note.noteType)
    const cards = type ? renderNoteCards(type, note.fields, { tags: note.tags }) : []
    const first = cards[0]
    if (!type || !first) return [note.fields.find((f) => f.trim()) ?? '', '']
    return [first.question, `${first.answer}\n\n*(${type.name}: ${plural(cards.length, 'card')})*`]
  }
  if (note.type === 'case') return [note.scenario, '*(case study)*']
  if (note.type === 'cloze') {
    const parsed = parseCloze(note.text)
    const cards = parsed.numbers.length
    return [
      clozeQuestion(note.text, parsed.numbers[0]!, parsed),
      `${clozeAnswer(note.text, parsed.numbers[0]!, parsed)}\n\n*(cloze: ${plural(cards, 'card')})*`
    ]
  }
  return [note.stem, answerText(note)]
}
