import { BuiltInEditNote } from '@components/BuiltInDeckRule'
import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { FieldsForm } from '@components/FieldsForm'
import { actions } from '@store'
import { useState } from 'react'

export interface FieldsNoteText {
  noteType: string
  names: string[]
  values: string[]
}

/** Edits a note of an Anki note type field by field; its cards are made again from the note type's templates, progress kept. */
export function EditFieldsDialog({ note, deckId, onClose }: { note: FieldsNoteText; deckId: string; onClose: () => void }) {
  const [values, setValues] = useState(note.values)
  const empty = values.every((v) => !v.trim())

  const save = async () => {
    if (empty) return
    await actions().editCard({ front: '', back: '', extra: '', fields: values })
    onClose()
  }

  return (
    <Dialog title="Edit note" onClose={onClose}>
      <FieldsForm
        idPrefix="study-edit"
        noteType={note.noteType}
        names={note.names}
        values={values}
        onChange={setValues}
        onSubmit={() => void save()}
      />
      {empty && <p className="mt-2 text-sm text-red-700 dark:text-red-300">Fill in at least one field.</p>}
      <BuiltInEditNote deckId={deckId} className="mt-2" />
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button tone="primary" disabled={empty} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
      </div>
    </Dialog>
  )
}
