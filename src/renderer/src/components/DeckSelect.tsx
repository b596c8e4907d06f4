import { inputClass } from '@components/FormField'
import type { SelectHTMLAttributes } from 'react'

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'children'> {
  decks: ReadonlyArray<{ id: string; name: string; origin?: string }>
  value: string
  onChoose: (deckId: string) => void
  /** A first option that stands for every deck ('' or 'all'), with its label. */
  all?: { value: string; label: string }
  /** Shown as the only option when there are no decks. */
  empty?: string
  /** Adds "(built-in)" to the decks that ship with Recall. */
  markBuiltIn?: boolean
}

/** The deck picker of every form and filter: one option per deck, by name. */
export function DeckSelect({ decks, value, onChoose, all, empty, markBuiltIn, className = '', ...rest }: Props) {
  return (
    <select value={value} onChange={(e) => onChoose(e.target.value)} className={`${inputClass} ${className}`} {...rest}>
      {all && <option value={all.value}>{all.label}</option>}
      {decks.length === 0 && empty && <option value="">{empty}</option>}
      {decks.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
          {markBuiltIn && d.origin === 'builtin' ? ' (built-in)' : ''}
        </option>
      ))}
    </select>
  )
}
