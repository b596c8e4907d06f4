import { CardText } from '@components/CardText'
import { clozeAnswer, clozeQuestion, insertCloze, parseCloze } from '@shared/deck/cloze'
import { actions } from '@store'
import { useState, type ClipboardEvent, type DragEvent, type KeyboardEvent, type Ref } from 'react'

export interface CardFields {
  front: string
  back: string
  extra: string
  tags: string
}

const fieldClass =
  'rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-60 dark:bg-slate-900 dark:ring-slate-600'

/**
 * The card fields with a live preview, as the card will look when studied (safe Markdown: raw
 * HTML shows as text). Used by the add screen and the browser's side panel. Ctrl+Enter submits.
 * A cloze note has one text (in `front`) and an extra; Ctrl+Shift+C wraps the selection in the
 * next deletion and Ctrl+Shift+Alt+C in the same one, as in Anki, and the preview shows every card.
 * An image or sound pasted or dropped into a field is added to the collection's media and named
 * where the caret is (`![](paste-1a2b3c4d.png)`); a file Recall cannot take says why.
 */
export function CardForm({
  value,
  onChange,
  onSubmit,
  idPrefix,
  frontRef,
  tagsNote,
  stacked = false,
  cloze = false
}: {
  value: CardFields
  onChange: (patch: Partial<CardFields>) => void
  onSubmit: () => void
  idPrefix: string
  frontRef?: Ref<HTMLTextAreaElement>
  /** When set, the tags cannot be changed here, and this says why. */
  tagsNote?: string
  /** One column (the side panel) rather than fields beside the preview. */
  stacked?: boolean
  /** The fields of a cloze note: its text and extra. */
  cloze?: boolean
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      onSubmit()
    }
  }
  const onClozeKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!cloze || !(event.ctrlKey || event.metaKey) || !event.shiftKey || event.code !== 'KeyC') return
    event.preventDefault()
    const area = event.currentTarget
    const next = insertCloze(area.value, area.selectionStart, area.selectionEnd, event.altKey)
    onChange({ front: next.text })
    requestAnimationFrame(() => area.setSelectionRange(next.caret, next.caret))
  }
  const [mediaMessage, setMediaMessage] = useState('')
  const addFiles = async (key: 'front' | 'back' | 'extra', area: HTMLTextAreaElement, files: File[], pasted: boolean) => {
    const { start, end } = { start: area.selectionStart, end: area.selectionEnd }
    setMediaMessage('Adding…')
    const result = await actions().addMediaFiles(
      await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), pasted })))
    )
    setMediaMessage(result.problems.join(' '))
    if (result.markdown.length === 0) return
    const insert = result.markdown.join(' ')
    onChange({ [key]: area.value.slice(0, start) + insert + area.value.slice(end) })
    requestAnimationFrame(() => area.setSelectionRange(start + insert.length, start + insert.length))
  }
  const onPaste = (key: 'front' | 'back' | 'extra') => (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files]
    if (files.length === 0) return
    event.preventDefault()
    void addFiles(key, event.currentTarget, files, true)
  }
  const onDrop = (key: 'front' | 'back' | 'extra') => (event: DragEvent<HTMLTextAreaElement>) => {
    const files = [...event.dataTransfer.files]
    if (files.length === 0) return
    // Not a deck to import (the window's own drop handler): a picture for this field.
    event.preventDefault()
    event.stopPropagation()
    void addFiles(key, event.currentTarget, files, false)
  }
  const text = (key: 'front' | 'back' | 'extra', label: string, rows: number, ref?: Ref<HTMLTextAreaElement>, hint?: string) => (
    <div className="flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
      <textarea
        id={`${idPrefix}-${key}`}
        ref={ref}
        rows={rows}
        value={value[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        onKeyDown={key === 'front' ? onClozeKey : undefined}
        onPaste={onPaste(key)}
        onDrop={onDrop(key)}
        aria-describedby={hint ? `${idPrefix}-${key}-hint` : undefined}
        aria-keyshortcuts={key === 'front' && cloze ? 'Control+Shift+C Control+Shift+Alt+C' : undefined}
        className={fieldClass}
      />
      {hint && (
        <span id={`${idPrefix}-${key}-hint`} className="text-xs font-normal text-slate-500 dark:text-slate-400">
          {hint}
        </span>
      )}
    </div>
  )
  return (
    <div onKeyDown={onKeyDown} className={stacked ? 'flex flex-col gap-4' : 'grid gap-6 md:grid-cols-2'}>
      <div className="flex flex-col gap-3">
        {cloze
          ? text(
              'front',
              'Text',
              4,
              frontRef,
              'Select a part and press Ctrl+Shift+C to hide it on a card of its own (Ctrl+Shift+Alt+C: on the same card as the last).'
            )
          : text('front', 'Front', 3, frontRef)}
        {!cloze && text('back', 'Back', 4)}
        {text('extra', 'Extra (shown under the answer)', 2)}
        {mediaMessage && (
          <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
            {mediaMessage}
          </p>
        )}
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={`${idPrefix}-tags`}>Tags</label>
          <input
            id={`${idPrefix}-tags`}
            value={value.tags}
            disabled={tagsNote !== undefined}
            onChange={(e) => onChange({ tags: e.target.value })}
            placeholder="separated by spaces, e.g. vision exam-week"
            aria-describedby={tagsNote ? `${idPrefix}-tags-note` : undefined}
            className={fieldClass}
          />
          {tagsNote && (
            <span id={`${idPrefix}-tags-note`} className="text-xs font-normal text-slate-500 dark:text-slate-400">
              {tagsNote}
            </span>
          )}
        </div>
      </div>
      <section
        aria-label="Preview"
        className="flex flex-col gap-3 rounded-lg bg-white p-4 text-center shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      >
        <h2 className="text-start text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Preview</h2>
        {cloze ? (
          <ClozePreview text={value.front} />
        ) : (
          <>
            <CardText text={value.front || '*Front*'} className="text-lg" />
            <hr className="border-slate-200 dark:border-slate-600" />
            <CardText text={value.back || '*Back*'} />
          </>
        )}
        {value.extra.trim() && <CardText text={value.extra} className="text-sm text-slate-600 dark:text-slate-400" />}
      </section>
    </div>
  )
}

/** Every card a cloze text makes, question over answer, or what is wrong with it. */
function ClozePreview({ text }: { text: string }) {
  const parsed = parseCloze(text)
  if (parsed.problems.length > 0) return <p className="text-sm text-red-700 dark:text-red-300">{parsed.problems[0]}</p>
  if (parsed.numbers.length === 0)
    return <p className="text-sm text-slate-500 dark:text-slate-400">No deletion yet: select a part and press Ctrl+Shift+C.</p>
  return (
    <ol className="flex flex-col gap-3" aria-label="Cards">
      {parsed.numbers.map((n) => (
        <li key={n} className="flex flex-col gap-1" data-testid="cloze-preview">
          <span className="text-start text-xs text-slate-500 dark:text-slate-400">Card {n}</span>
          <CardText text={clozeQuestion(text, n, parsed)} className="text-lg" />
          <CardText text={clozeAnswer(text, n, parsed)} className="text-sm text-slate-600 dark:text-slate-400" />
        </li>
      ))}
    </ol>
  )
}
