import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { applyImport, planImport } from '@db/import-repository'
import { recordReview } from '@db/study-repository'
import { linkCollection } from '@db/sync/sync-link'
import { checkMedia, type CheckedMedia } from '@shared/media/media-file'
import { imageMarkdown } from '@shared/media/media-refs'
import type { Grade } from 'ts-fsrs'
import { freshDatabase, makeCards, makeDeck } from '../../../helpers/fixtures'
import { MemoryFolder } from './memory-folder'

export const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

/** A grade through the app's own write, at `at`. */
export async function grade(db: RecallDatabase, key: string, rating: Grade, at: number) {
  const card = (await db.cards.get(key))!
  return recordReview(db, card, previewGrades(scheduler, card, Math.max(at, card.last_review ?? 0))[rating], 4_000)
}

/**
 * What a person sees of a collection: decks, notes, each card's text and schedule, and the history.
 * With `studied`, without the notes and cards set aside with a removed deck (kept on the machine
 * that removed it, for its history; never sent, since the deck's tombstone covers them).
 */
export async function collectionOf(db: RecallDatabase, options: { studied?: boolean } = {}) {
  const all = await db.cards.orderBy('id').toArray()
  const cards = (options.studied ? all.filter((c) => c.queue !== Queue.Removed) : all).map((card: CardRecord) => {
    // A new card's due time is when it was made here; new cards are studied in deck order (`ord`).
    // Flag 0 is no flag (a cleared flag is stored as 0 here, and sent as none).
    const { mod: _mod, createdAt: _created, due, flag, ...rest } = card
    const seen = flag ? { ...rest, flag } : rest
    return card.reps === 0 ? seen : { ...seen, due }
  })
  const allNotes = await db.notes.orderBy('id').toArray()
  const notes = (options.studied ? allNotes.filter((n) => !n.removed) : allNotes).map(({ createdAt: _created, ...note }) => note)
  const decks = (await db.decks.orderBy('id').toArray()).map(({ id, name, presetId }) => ({ id, name, presetId }))
  const reviews = (await db.reviews.toArray()).map((r) => `${r.cardKey} ${r.review} ${r.rating} ${r.manual ?? ''}`).sort()
  return { decks, notes, cards, reviews }
}

/**
 * A laptop with decks of the user's own (deck id → number of cards), linked by merging to a
 * folder, then a fresh desktop linked to the same folder by merging. `t`: a time after both links.
 */
export async function linkedPair(decks: Record<string, number> = { aws: 6 }, folder = new MemoryFolder()) {
  const laptop = freshDatabase()
  const desktop = freshDatabase()
  for (const [id, cards] of Object.entries(decks))
    await mergeDeck(laptop, { ...makeDeck(id, makeCards(cards)), origin: 'user' }, Date.now())
  await linkCollection(laptop, folder, 'merge')
  await linkCollection(desktop, folder, 'merge')
  return { laptop, desktop, folder, t: Date.now() }
}

/** A media file as the import screen checks it (a test's file must pass). */
export function checked(name: string, bytes: Uint8Array): CheckedMedia {
  const file = checkMedia({ name, bytes })
  if ('problem' in file) throw new Error(file.problem)
  return file
}

/** A deck whose first note shows `name`, imported with its file, as the import screen does. */
export async function importWithImage(db: RecallDatabase, deckId: string, name: string, bytes: Uint8Array) {
  const notes = makeCards(2)
  notes[0] = { ...notes[0]!, front: `Which diagram? ${imageMarkdown(name)}` }
  const { deck } = makeDeck(deckId, notes)
  await applyImport(db, deck, await planImport(db, deck), {
    file: `${deckId}.json`,
    keepRemoved: false,
    now: Date.now(),
    media: [checked(name, bytes)]
  })
}
