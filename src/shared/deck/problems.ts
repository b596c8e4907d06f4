/** A problem found in a deck file, located as precisely as the format allows. */
export interface DeckProblem {
  file: string
  message: string
  /** 1-based line in the file, when known. */
  line?: number
  /** 1-based position of the note in the deck, when the problem belongs to one note. */
  note?: number
  field?: string
}

/** One line a person can act on: `file:line: note 3, field back: back is empty`. */
export function formatProblem(p: DeckProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file
  const what = [p.note ? `note ${p.note}` : '', p.field ? `field ${p.field}` : ''].filter(Boolean).join(', ')
  return `${where}: ${what ? `${what}: ` : ''}${p.message}`
}

/** Importers return what they could read and every problem, instead of throwing. */
export interface ImportResult<T> {
  deck?: T
  problems: DeckProblem[]
}
