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

  // A note the deck rejects (a rule spanning notes, a cloze without a deletion) is reported with its
  // line and left out; the others still come in. Only a problem of the deck itself (its name, its
  // id) refuses the whole file. Each round drops at least one note, so this ends.
  let kept = notes.map((item, i) => ({ ...item, position: i + 1 }))
  for (;;) {
    const result = deckSchema.safeParse({ ...draft, format: DECK_FORMAT, version: DECK_VERSION, notes: kept.map((n) => n.note) })
    if (result.success) return { deck: result.data, problems }
    const bad = new Set<number>()
    let deckLevel = false
    for (const issue of result.error.issues) {
      const [root, index, ...field] = issue.path
      const located = root === 'notes' && typeof index === 'number' ? kept[index] : undefined
      if (located) bad.add(index as number)
      else deckLevel = true
      problems.push({
        file,
        message: issue.message,
        ...(located ? { ...(located.line ? { line: located.line } : {}), note: located.position } : {}),
        ...(field.length ? { field: field.join('.') } : root && !located ? { field: String(root) } : {})
      })
    }
    kept = kept.filter((_, i) => !bad.has(i))
    if (deckLevel || bad.size === 0 || kept.length === 0) return { problems }
  }
}
