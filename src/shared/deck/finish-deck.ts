import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import { DECK_FORMAT, DECK_VERSION, deckSchema, type Deck, type DeckDraft, type Note } from '@shared/deck/schema'

export interface LocatedNote {
  note: Note
  line: number
}

/**
 * Turns what an importer read into a validated native deck. Problems of single notes keep their
 * source line; a duplicate id is reported on the second note.
 */
export function finishDeck(
  draft: Omit<DeckDraft, 'notes'>,
  located: LocatedNote[],
  problems: DeckProblem[],
  file: string
): ImportResult<Deck> {
  const seen = new Map<string, number>()
  const notes: LocatedNote[] = []
  for (const item of located) {
    const firstLine = seen.get(item.note.id)
    if (firstLine !== undefined) {
      problems.push({ file, line: item.line, field: 'id', message: `duplicate id "${item.note.id}" (first used on line ${firstLine})` })
      continue
    }
    seen.set(item.note.id, item.line)
    notes.push(item)
  }
  if (notes.length === 0) {
    if (problems.length === 0) problems.push({ file, message: 'no cards found' })
    return { problems }
  }

  const result = deckSchema.safeParse({ ...draft, format: DECK_FORMAT, version: DECK_VERSION, notes: notes.map((n) => n.note) })
  if (result.success) return { deck: result.data, problems }
  for (const issue of result.error.issues) {
    const [root, index, ...field] = issue.path
    const located = root === 'notes' && typeof index === 'number' ? notes[index] : undefined
    problems.push({
      file,
      message: issue.message,
      ...(located ? { line: located.line, note: (index as number) + 1 } : {}),
      ...(field.length ? { field: field.join('.') } : root && !located ? { field: String(root) } : {})
    })
  }
  return { problems }
}
