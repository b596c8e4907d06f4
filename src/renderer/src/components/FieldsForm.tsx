import type { KeyboardEvent, Ref } from 'react'

const fieldClass =
  'rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-60 dark:bg-slate-900 dark:ring-slate-600'

/**
 * The fields of a note of an Anki note type (a `fields` note), one labelled box each, in the note
 * type's order. Its cards are made again from the note type's templates when it is saved. Ctrl+Enter
 * submits.
 */
export function FieldsForm({
  noteType,
  names,
  values,
  onChange,
  onSubmit,
  idPrefix,
  firstRef
}: {
  noteType: string
  names: readonly string[]
  values: readonly string[]
  onChange: (values: string[]) => void
  onSubmit: () => void
  idPrefix: string
  firstRef?: Ref<HTMLTextAreaElement>
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      onSubmit()
    }
  }
  return (
    <fieldset onKeyDown={onKeyDown} className="flex flex-col gap-3">
      <legend className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        Fields of the note type <strong>{noteType}</strong>; its cards are made from them as in Anki.
      </legend>
      {names.map((name, i) => (
        <div key={`${i}-${name}`} className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={`${idPrefix}-field-${i}`}>{name}</label>
          <textarea
            id={`${idPrefix}-field-${i}`}
            ref={i === 0 ? firstRef : undefined}
            rows={Math.min(6, Math.max(1, (values[i] ?? '').split('\n').length))}
            value={values[i] ?? ''}
            onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
            className={fieldClass}
          />
        </div>
      ))}
    </fieldset>
  )
}
