import { BuiltInEditNote } from '@components/BuiltInDeckRule'
import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import type { CardRecord } from '@core/model'
import { actions } from '@store'
import { EditFieldsDialog, type FieldsNoteText } from '@screens/study/EditFieldsDialog'
import { lazy, Suspense, useEffect, useState } from 'react'

/** Edits the card's text (both directions); its scheduling and history are untouched. */
export function EditCardDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
  // A note of an Anki note type is edited field by field (null: the card is of another note).
  const [fields, setFields] = useState<FieldsNoteText | null>()
  useEffect(() => {
    let live = true
    void actions()
      .fieldsNoteOf(card)
      .then((found) => live && setFields(found ?? null))
    return () => {
      live = false
    }
  }, [card])
  if (fields === undefined) return null
  if (fields) return <EditFieldsDialog note={fields} deckId={card.deckId} onClose={onClose} />
  if (card.cloze === undefined) return <EditBasicDialog card={card} onClose={onClose} />
  return (
    <Suspense fallback={null}>
      <EditClozeDialog card={card} onClose={onClose} />
    </Suspense>
  )
}

// The cloze editor (the card form and its preview) loads when first opened: the study screen starts without it.
const EditClozeDialog = lazy(() => import('@screens/study/EditClozeDialog').then((m) => ({ default: m.EditClozeDialog })))

function EditBasicDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
  const [front, setFront] = useState(card.reverse ? card.answer : card.question)
  const [back, setBack] = useState(card.reverse ? card.question : card.answer)
  const [extra, setExtra] = useState(card.extra ?? '')
  const empty = !front.trim() || !back.trim()

  const save = async () => {
    if (empty) return
    await actions().editCard({ front, back, extra })
    onClose()
  }

  const field = (label: string, value: string, change: (v: string) => void, rows: number, first = false) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <textarea
        rows={rows}
        value={value}
        data-autofocus={first || undefined}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save()
        }}
        className="rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600"
      />
    </label>
  )

  return (
    <Dialog title="Edit card" onClose={onClose}>
      <div className="flex flex-col gap-3">
        {field('Front', front, setFront, 3, true)}
        {field('Back', back, setBack, 5)}
        {field('Extra (shown under the answer)', extra, setExtra, 2)}
        {empty && <p className="text-sm text-red-700 dark:text-red-300">Front and back cannot be empty.</p>}
        <BuiltInEditNote deckId={card.deckId} />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button tone="primary" disabled={empty} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
      </div>
    </Dialog>
  )
}
