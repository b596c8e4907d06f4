import { Alert } from '@components/Alert'
import { BuiltInEditNote } from '@components/BuiltInDeckRule'
import { Button } from '@components/Button'
import { CardForm, type CardFields } from '@components/CardForm'
import { FieldsForm } from '@components/FieldsForm'
import type { BrowseRow } from '@core/model'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

function fieldsOf(row: BrowseRow): CardFields {
  // A reversed study card shows the back as its question: the form always edits the card itself.
  return {
    front: row.reverse ? row.answer : row.question,
    back: row.reverse ? row.question : row.answer,
    extra: row.extra ?? '',
    tags: row.tags.join(' ')
  }
}

/** The add form for the card open in the browser; saving changes both directions and keeps progress. */
export function EditPanel({ row, onHistory, onClose }: { row: BrowseRow; onHistory: () => void; onClose: () => void }) {
  const editable = useRecall((s) => s.browse.decks.find((d) => d.id === row.deckId)?.editable ?? false)
  const busy = useRecall((s) => s.browse.busy)
  const [fields, setFields] = useState(() => fieldsOf(row))
  const [problem, setProblem] = useState<string>()
  const front = useRef<HTMLTextAreaElement>(null)
  const cloze = row.cloze !== undefined
  // A cloze card shows its note's text with the gaps filled; the form edits the note as written.
  const [clozeLoaded, setClozeLoaded] = useState(!cloze)
  // A note of an Anki note type is edited field by field; its cards are made again from its templates.
  const [noteFields, setNoteFields] = useState<{ noteType: string; names: string[]; values: string[] }>()
  const [fieldsLoaded, setFieldsLoaded] = useState(false)
  useEffect(() => {
    let live = true
    void actions()
      .fieldsNoteOf(row)
      .then((found) => {
        if (!live) return
        setNoteFields(found)
        setFieldsLoaded(true)
      })
    return () => {
      live = false
    }
  }, [row])
  useEffect(() => {
    if (!cloze) return
    let live = true
    void actions()
      .clozeNoteOf(row)
      .then((note) => {
        if (!live) return
        if (note) setFields((f) => ({ ...f, front: note.text, back: '', extra: note.extra }))
        setClozeLoaded(true)
      })
    return () => {
      live = false
    }
  }, [cloze, row])

  // Opening a card (Enter in the list) puts the keyboard in its form; Escape gives it back.
  useEffect(() => {
    front.current?.focus()
  }, [])

  const save = async () => {
    if (!clozeLoaded || !fieldsLoaded) return
    if (noteFields) {
      if (noteFields.values.every((v) => !v.trim())) return setProblem('Fill in at least one field.')
      setProblem(undefined)
      await actions().saveEdit({ front: '', back: '', extra: '', fields: noteFields.values }, fields.tags)
      return
    }
    if (!fields.front.trim() || (!cloze && !fields.back.trim()))
      return setProblem(cloze ? 'The text cannot be empty.' : 'Front and back cannot be empty.')
    setProblem(undefined)
    await actions().saveEdit({ front: fields.front, back: fields.back, extra: fields.extra }, fields.tags)
  }

  return (
    <aside
      aria-labelledby="edit-panel-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          onClose()
        }
      }}
      className="flex w-full shrink-0 flex-col gap-4 overflow-y-auto rounded-lg bg-slate-100 p-4 ring-1 ring-slate-200 lg:h-[calc(100vh-19rem)] lg:w-96 dark:bg-slate-900 dark:ring-slate-700"
    >
      <header className="flex items-center justify-between gap-2">
        <h2 id="edit-panel-title" className="text-lg font-semibold">
          Edit card
        </h2>
        <Button className="px-2! py-1! text-sm" onClick={onClose} aria-label="Close the editor (Esc)">
          ✕
        </Button>
      </header>
      {noteFields ? (
        <FieldsForm
          idPrefix="edit"
          noteType={noteFields.noteType}
          names={noteFields.names}
          values={noteFields.values}
          firstRef={front}
          onChange={(values) => setNoteFields((n) => n && { ...n, values })}
          onSubmit={() => void save()}
        />
      ) : (
        <CardForm
          stacked
          idPrefix="edit"
          value={fields}
          frontRef={front}
          onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
          onSubmit={() => void save()}
          cloze={cloze}
          tagsNote={editable ? undefined : 'Tags of a built-in deck come with the deck.'}
        />
      )}
      {problem && <Alert kind="inline">{problem}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button tone="primary" disabled={busy} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
        <Button onClick={onHistory}>Review history</Button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Progress and history are kept. Both directions of the card change together.
      </p>
      <BuiltInEditNote deckId={row.deckId} />
    </aside>
  )
}
