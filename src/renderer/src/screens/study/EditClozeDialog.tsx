import { BuiltInEditNote } from '@components/BuiltInDeckRule'
import { Button } from '@components/Button'
import { CardForm } from '@components/CardForm'
import { Dialog } from '@components/Dialog'
import type { CardRecord } from '@core/model'
import { actions } from '@store'
import { useEffect, useState } from 'react'

/**
 * Edits a cloze card's note as written: adding a deletion number adds a card, removing one retires
 * its card; the other cards keep their progress.
 */
export function EditClozeDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
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
      <BuiltInEditNote deckId={card.deckId} className="mt-2" />
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button tone="primary" disabled={!fields} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
      </div>
    </Dialog>
  )
}
