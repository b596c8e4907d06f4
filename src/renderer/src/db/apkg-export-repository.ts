import type { RecallDatabase } from '@db/database'
import { exportDeck } from '@db/import-repository'
import { mediaOfNotes } from '@db/media-repository'
import { getSettings, optionsOfDecks } from '@db/options-repository'
import type { ApkgCard, ApkgInput, ApkgReview } from '@shared/deck/apkg-export'
import type { Deck } from '@shared/deck/schema'

/**
 * What an Anki package of some decks (or of every deck) holds, read from the collection in one
 * snapshot: each deck as its notes are now (edits included), its cards' scheduling states, their
 * review log and the media their notes name (shared/deck/apkg-export.ts writes the package).
 */
export async function apkgInputOf(db: RecallDatabase, deckIds: readonly string[] | 'all', now: number): Promise<ApkgInput> {
  return db.transaction('r', [db.decks, db.notes, db.cards, db.reviews, db.media, db.presets, db.settings], async () => {
    const records = deckIds === 'all' ? await db.decks.toArray() : (await db.decks.bulkGet([...deckIds])).filter((d) => d !== undefined)
    const [settings, options] = await Promise.all([getSettings(db), optionsOfDecks(db, records)])
    const decks: Array<{ deck: Deck; cards: ApkgCard[]; desiredRetention?: number }> = []
    const reviews: ApkgReview[] = []
    for (const record of records) {
      const deck = await exportDeck(db, record.id)
      if (!deck) continue
      const cards = (await db.cards.where('deckId').equals(record.id).toArray()).map((c): ApkgCard => ({
        id: c.id,
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        scheduled_days: c.scheduled_days,
        reps: c.reps,
        lapses: c.lapses,
        state: c.state,
        ...(c.last_review !== undefined ? { last_review: c.last_review } : {}),
        queue: c.queue,
        ...(c.flag ? { flag: c.flag } : {})
      }))
      const logs = await db.reviews.where('[deckId+review]').between([record.id, -Infinity], [record.id, Infinity]).toArray()
      for (const r of logs) {
        reviews.push({
          cardKey: r.cardKey,
          rating: r.rating,
          state: r.state,
          due: r.due,
          scheduled_days: r.scheduled_days,
          review: r.review,
          duration: r.duration,
          ...(r.manual ? { manual: r.manual } : {})
        })
      }
      decks.push({ deck, cards, desiredRetention: options.get(record.id)?.request_retention })
    }
    const media = (
      await mediaOfNotes(
        db,
        decks.flatMap((d) => d.deck.notes)
      )
    ).map((m) => ({ name: m.name, bytes: m.bytes }))
    return { decks, reviews, media, now, dayStartsAtHour: settings.dayStartsAtHour }
  })
}
