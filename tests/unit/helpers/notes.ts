import type { BasicNote, ClozeNote, Deck } from '@shared/deck/schema'

/** A deck's front/back notes: what the importers of other tools' files produce. */
export function basicNotes(deck: Pick<Deck, 'notes'> | undefined): BasicNote[] {
  return (deck?.notes ?? []).filter((n): n is BasicNote => n.type === 'basic')
}

/** A deck's cloze notes. */
export function clozeNotes(deck: Pick<Deck, 'notes'> | undefined): ClozeNote[] {
  return (deck?.notes ?? []).filter((n): n is ClozeNote => n.type === 'cloze')
}
