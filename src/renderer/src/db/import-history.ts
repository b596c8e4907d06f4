import { noteKeyOfCardKey, Queue, queueForState, type CardRecord, type ReviewRecord } from '@core/model'
import { importAnkiCard, type HistorySummary } from '@core/scheduling/anki-history'
import type { Scheduler } from '@core/scheduling/scheduler'
import type { RecallDatabase } from '@db/database'
import type { PackageHistory } from '@shared/deck/apkg-history'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { State } from 'ts-fsrs'

/**
 * The Recall card an Anki card became, among the keys its note's import made: ord 0 is the note's
 * first card (`deck/note`, or `deck/note/c1` for a cloze); ord k is cloze number k + 1
 * (`…/c<k+1>`), template k (`…/t<k>`), or, for ord 1 of a basic note studied both ways, `…/reverse`.
 */
export function cardKeyForAnkiOrd(noteKey: string, ord: number, keysOfNote: ReadonlySet<string>): string | undefined {
  const candidates =
    ord === 0 ? [noteKey, `${noteKey}/c1`] : [`${noteKey}/c${ord + 1}`, `${noteKey}/t${ord}`, ...(ord === 1 ? [`${noteKey}/reverse`] : [])]
  return candidates.find((key) => keysOfNote.has(key))
}

/**
 * Brings an Anki package's history into a deck just merged (call it inside the import's
 * transaction, with `cards` and `reviews` in its scope): each Anki card that came in takes its
 * review log and its state (core/scheduling/anki-history.ts), unless its Recall card already has
 * progress, which is never overwritten.
 */
export async function importPackageHistory(
  db: RecallDatabase,
  deckId: string,
  history: PackageHistory,
  scheduler: Scheduler,
  now: number
): Promise<HistorySummary> {
  const cards = (await db.cards.where('deckId').equals(deckId).toArray()).filter((c) => c.queue !== Queue.Removed)
  const byKey = new Map(cards.map((c) => [c.id, c]))
  const keysOfNote = new Map<string, Set<string>>()
  for (const card of cards) {
    const note = noteKeyOfCardKey(card.id)
    const keys = keysOfNote.get(note)
    if (keys) keys.add(card.id)
    else keysOfNote.set(note, new Set([card.id]))
  }
  const summary: HistorySummary = {
    reviews: 0,
    cards: 0,
    kept: 0,
    notImportedReviews: history.orphanReviews,
    notImportedCards: history.orphanCards,
    leftOut: 0
  }
  const matched: Array<{ key: string; anki: PackageHistory['cards'][number] }> = []
  for (const anki of history.cards) {
    const noteKey = `${deckId}/${ankiGuidId(anki.guid)}`
    const key = anki.guid.trim() ? cardKeyForAnkiOrd(noteKey, anki.ord, keysOfNote.get(noteKey) ?? new Set()) : undefined
    if (key) matched.push({ key, anki })
    else if (anki.reviews.length > 0) {
      summary.notImportedReviews += anki.reviews.length
      summary.notImportedCards++
    }
  }
  const reviewed = new Set(
    (await db.reviews
      .where('cardKey')
      .anyOf(matched.map((m) => m.key))
      .uniqueKeys()) as string[]
  )
  const updates: CardRecord[] = []
  const logs: ReviewRecord[] = []
  for (const { key, anki } of matched) {
    const card = byKey.get(key)!
    if (reviewed.has(key) || card.state !== State.New || card.reps > 0) {
      summary.kept++
      continue
    }
    const imported = importAnkiCard(scheduler, anki, history.collectionCreated, now)
    for (const log of imported.logs) logs.push({ ...log, cardKey: key, deckId, duration: Math.max(0, Math.round(log.duration)) })
    summary.reviews += imported.grades
    summary.leftOut += imported.leftOut
    if (imported.grades > 0) summary.cards++
    const next: CardRecord = {
      ...card,
      ...imported.state,
      queue: imported.suspended ? Queue.Suspended : queueForState(imported.state.state)
    }
    if (imported.state.last_review === undefined) delete next.last_review
    updates.push(next)
  }
  await db.cards.bulkPut(updates)
  await db.reviews.bulkAdd(logs)
  return summary
}
