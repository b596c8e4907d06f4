import { useRecall } from '@store'

/**
 * The one rule for the decks that ship with Recall, said the same way wherever it matters: they
 * follow the app's updates, so new cards go in the person's own decks; editing a built-in card is
 * fine, because the deck merge keeps an edited note as the person wrote it (db/deck-repository.ts).
 */
export const BUILT_IN_ADD_RULE =
  'Built-in decks get updates with new versions of Recall; add your own cards to a deck of your own. You can edit a built-in card: your edit is kept when the deck updates.'
const BUILT_IN_EDIT_RULE = 'This card is from a built-in deck: your edit is kept when the deck updates with a new version of Recall.'

/** The edit rule under an editor, shown only when the card being edited is from a built-in deck. */
export function BuiltInEditNote({ deckId, className = '' }: { deckId: string; className?: string }) {
  const builtIn = useRecall((s) => s.library.decks.some((d) => d.id === deckId && d.origin === 'builtin'))
  if (!builtIn) return null
  return <p className={`text-xs text-slate-600 dark:text-slate-400 ${className}`}>{BUILT_IN_EDIT_RULE}</p>
}
