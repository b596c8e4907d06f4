import type { ExamCard } from '@core/mock-exam/questions'
import { Queue } from '@core/model'
import { randomInt, shuffled, type Random } from '@core/practice/random'
import type { Blueprint } from '@shared/exam/blueprint'
import { taskStatements } from '@shared/exam/task-statements'

/**
 * The order in which cards are offered to a mock exam. Taking questions from the front of it is a
 * draw without replacement; cards that cannot make a question are skipped by the caller.
 *
 * Always: at most one card of each note (asking both directions would give one answer away with
 * the other), and never a suspended card or one gone from its deck (the user took them out).
 */
function oneCardPerNote<T extends ExamCard>(cards: readonly T[], random: Random): T[] {
  const byNote = new Map<string, T[]>()
  for (const card of cards) {
    if (card.queue === Queue.Suspended || card.queue === Queue.Removed) continue
    const key = `${card.deckId}/${card.cardId}`
    const list = byNote.get(key)
    if (list) list.push(card)
    else byNote.set(key, [card])
  }
  return [...byNote.values()].map((list) => list[randomInt(random, list.length)]!)
}

/**
 * Without a blueprint: spread evenly over the decks and, inside each deck, over its topics (a
 * card's first tag); a deck or topic that runs out leaves the rotation.
 */
export function mockExamDrawOrder<T extends ExamCard>(cards: readonly T[], random: Random): T[] {
  const byDeck = groupBy(oneCardPerNote(cards, random), (card) => card.deckId)
  const deckOrders = [...byDeck.values()].map((deckCards) => {
    const byTopic = groupBy(deckCards, (card) => card.tags[0] ?? '')
    return interleave(shuffled([...byTopic.values()], random).map((topic) => shuffled(topic, random)))
  })
  return interleave(shuffled(deckOrders, random))
}

export interface BlueprintDraw<T> {
  /** Per domain id, the cards in the order to try them: exam-style questions first, task statements in turn. */
  byDomain: Map<string, T[]>
  /** How many questions each domain should get: its weight's share of `count`, largest remainders rounded up. */
  quotas: Map<string, number>
}

/**
 * With a blueprint: the cards serving its task statements, by domain, for a draw in the exam's
 * proportions. Inside a domain the task statements take turns (each gets its share), and a task's
 * exam-style questions come before questions made from fact cards: the real exam asks scenarios.
 * A card counts for the first of its task statements in this exam.
 */
export function blueprintDrawOrder<T extends ExamCard>(
  cards: readonly T[],
  blueprint: Blueprint,
  count: number,
  random: Random
): BlueprintDraw<T> {
  const tasks = new Map(taskStatements(blueprint).map((t) => [t.key, t]))
  const byTask = new Map<string, T[]>()
  for (const card of oneCardPerNote(cards, random)) {
    const task = card.tasks?.find((t) => tasks.has(t))
    if (!task) continue
    const list = byTask.get(task)
    if (list) list.push(card)
    else byTask.set(task, [card])
  }
  const byDomain = new Map<string, T[]>()
  for (const domain of blueprint.domains) {
    const lists = shuffled(
      domain.tasks.map((t) => `${blueprint.exam} ${t.id}`).filter((key) => byTask.has(key)),
      random
    ).map((key) => {
      const list = shuffled(byTask.get(key)!, random)
      return [...list.filter((c) => c.noteType), ...list.filter((c) => !c.noteType)]
    })
    byDomain.set(domain.id, interleave(lists))
  }
  return { byDomain, quotas: domainQuotas(blueprint, count) }
}

/** Each domain's number of questions out of `count`, by weight (largest remainder, so they add up to `count`). */
export function domainQuotas(blueprint: Blueprint, count: number): Map<string, number> {
  const total = blueprint.domains.reduce((s, d) => s + d.weight, 0)
  const exact = blueprint.domains.map((d) => ({ id: d.id, x: (d.weight / total) * count }))
  const quotas = new Map(exact.map((e) => [e.id, Math.floor(e.x)]))
  let left = count - [...quotas.values()].reduce((a, b) => a + b, 0)
  for (const e of [...exact].sort((a, b) => b.x - Math.floor(b.x) - (a.x - Math.floor(a.x)))) {
    if (left-- <= 0) break
    quotas.set(e.id, quotas.get(e.id)! + 1)
  }
  return quotas
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
