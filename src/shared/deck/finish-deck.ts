import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import { DECK_FORMAT, DECK_VERSION, deckSchema, type Card, type Deck, type DeckDraft } from '@shared/deck/schema'

export interface LocatedCard {
  card: Card
  line: number
}

/**
 * Turns what an importer read into a validated native deck. Problems of single cards keep their
 * source line; a duplicate id is reported on the second card.
 */
export function finishDeck(draft: DeckDraft, located: LocatedCard[], problems: DeckProblem[], file: string): ImportResult<Deck> {
  const seen = new Map<string, number>()
  const cards: LocatedCard[] = []
  for (const item of located) {
    const firstLine = seen.get(item.card.id)
    if (firstLine !== undefined) {
      problems.push({ file, line: item.line, field: 'id', message: `duplicate id "${item.card.id}" (first used on line ${firstLine})` })
      continue
    }
    seen.set(item.card.id, item.line)
    cards.push(item)
  }
  if (cards.length === 0) {
    if (problems.length === 0) problems.push({ file, message: 'no cards found' })
    return { problems }
  }

  const result = deckSchema.safeParse({ ...draft, format: DECK_FORMAT, version: DECK_VERSION, cards: cards.map((c) => c.card) })
  if (result.success) return { deck: result.data, problems }
  for (const issue of result.error.issues) {
    const [root, index, ...field] = issue.path
    const located = root === 'cards' && typeof index === 'number' ? cards[index] : undefined
    problems.push({
      file,
      message: issue.message,
      ...(located ? { line: located.line, card: (index as number) + 1 } : {}),
      ...(field.length ? { field: field.join('.') } : root && !located ? { field: String(root) } : {})
    })
  }
  return { problems }
}
