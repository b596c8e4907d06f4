import { FormField, inputClass } from '@components/FormField'
import { actions } from '@store'
import type { Ref } from 'react'

/**
 * The name the imported deck gets, prefilled with the file's (or the deck's own, when the file
 * updates one): Enter imports, as the Import button does.
 */
export function DeckNameField({
  value,
  problem,
  inputRef,
  disabled = false,
  onConfirm
}: {
  value: string
  problem?: string
  inputRef: Ref<HTMLInputElement>
  /** While the file is read again or the deck is saved. */
  disabled?: boolean
  onConfirm: () => void
}) {
  const id = 'import-deck-name'
  return (
    <div className="text-sm">
      <FormField id={id} label="Deck name" error={problem}>
        <input
          id={id}
          ref={inputRef}
          value={value}
          required
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => actions().setImportName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault()
              onConfirm()
            }
          }}
          className={`${inputClass} text-base`}
        />
      </FormField>
    </div>
  )
}
