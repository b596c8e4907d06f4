import { Queue, type CardRecord } from '@core/model'
import type { ChoiceCard } from '@core/practice/multiple-choice'
import { randomInt, shuffled, type Random } from '@core/practice/random'

export type QuestionCard = ChoiceCard & Pick<CardRecord, 'question'>

/**
 * The order in which cards are offered to an exam simulation: at most one direction of each
 * card (asking both would give one answer away with the other), spread evenly over the decks and,
 * inside each deck, over its topics (a card's first tag). Taking the first N of this order is a
 * draw without replacement; a deck or topic that runs out simply leaves the rotation.
 *
 * Suspended and removed cards are left out: the user took them out of study.
 */
export function mockExamDrawOrder<T extends QuestionCard>(cards: readonly T[], random: Random): T[] {
  const directions = new Map<string, T[]>()
  for (const card of cards) {
    if (card.queue === Queue.Suspended || card.queue === Queue.Removed) continue
    const key = `${card.deckId}/${card.cardId}`
    const list = directions.get(key)
    if (list) list.push(card)
    else directions.set(key, [card])
  }
  const chosen = [...directions.values()].map((list) => list[randomInt(random, list.length)]!)

  const byDeck = groupBy(chosen, (card) => card.deckId)
  const deckOrders = [...byDeck.values()].map((deckCards) => {
    const byTopic = groupBy(deckCards, (card) => card.tags[0] ?? '')
    return interleave(shuffled([...byTopic.values()], random).map((topic) => shuffled(topic, random)))
  })
  return interleave(shuffled(deckOrders, random))
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

/** Round-robin: the first of each list, then the second of each, and so on. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = []
  const longest = Math.max(0, ...lists.map((l) => l.length))
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!)
  return out
}
