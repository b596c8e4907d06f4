import { Button } from '@components/Button'
import { CardForm } from '@components/CardForm'
import { Dialog } from '@components/Dialog'
import type { CardRecord } from '@core/model'
import { actions } from '@store'
import { useEffect, useState } from 'react'

/** Edits the card's text (both directions); its scheduling and history are untouched. */
export function EditCardDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
  return card.cloze !== undefined ? <EditClozeDialog card={card} onClose={onClose} /> : <EditBasicDialog card={card} onClose={onClose} />
}

/**
 * Edits a cloze card's note as written: adding a deletion number adds a card, removing one retires
 * its card; the other cards keep their progress.
 */
function EditClozeDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
  const [fields, setFields] = useState<{ front: string; back: string; extra: string; tags: string }>()
  const [problem, setProblem] = useState<string>()
  useEffect(() => {
    let live = true
    void actions()
      .clozeNoteOf(card)
      .then((note) => live && setFields(note ? { front: note.text, back: '', extra: note.extra, tags: card.tags.join(' ') } : undefined))
    return () => {
      live = false
    }
  }, [card])

  const save = async () => {
    if (!fields) return
    if (!fields.front.trim()) return setProblem('The text cannot be empty.')
    try {
      await actions().editCard({ front: fields.front, back: '', extra: fields.extra })
      onClose()
    } catch (error) {
      // A broken deletion, say: the note is unchanged, and the dialog says why.
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <Dialog title="Edit cloze note" onClose={onClose}>
      {fields ? (
        <CardForm
          stacked
          cloze
          idPrefix="study-edit"
          value={fields}
          onChange={(patch) => setFields((f) => f && { ...f, ...patch })}
          onSubmit={() => void save()}
          tagsNote="Tags are changed in the card browser."
        />
      ) : (
        <p aria-live="polite">Loading the note…</p>
      )}
      {problem && <p className="mt-2 text-sm text-red-700 dark:text-red-300">{problem}</p>}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button tone="primary" disabled={!fields} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
      </div>
    </Dialog>
  )
}

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
