import type { CardRecord, ReviewRecord } from '@core/model'
import { encodeCollection, restoreCollection } from '@db/collection-backup'
import { RecallDatabase } from '@db/database'
import { readJournal, replayJournal } from '@db/journal/journal-replay'
import { encodeRecord } from '@shared/journal/journal-format'
import { generateCollection } from './generate'
import { done, openRaw } from './raw-idb'

const DAY = 86_400_000

/** A collection in the app's schema, filled bare: `cards` cards and about ten review logs per studied card. */
async function seeded(name: string, cards: number, now: number) {
  const app = new RecallDatabase(name)
  await app.open()
  app.close()
  const raw = await openRaw(name)
  try {
    return await generateCollection(raw, cards, now)
  } finally {
    raw.close()
  }
}

async function emptyCollection(name: string): Promise<RecallDatabase> {
  const db = new RecallDatabase(name)
  await db.open()
  return db
}

/** The journal of `reviews` grades after the backup, as the middleware writes them: begin, the card, its log, commit. */
function journalTail(
  cards: readonly CardRecord[],
  firstLogId: number,
  reviews: number,
  epoch: string,
  seqFrom: number,
  now: number
): string {
  let text = ''
  for (let i = 0; i < reviews; i++) {
    const card = cards[(i * 7919) % cards.length]!
    const tx = `s-bench.${i}`
    const review = now + i * 8000
    const next: CardRecord = { ...card, due: review + 3 * DAY, last_review: review, reps: card.reps + 1, mod: review }
    const log: ReviewRecord = {
      id: firstLogId + i,
      cardKey: card.id,
      deckId: card.deckId,
      rating: 3,
      state: 2,
      due: review + 3 * DAY,
      stability: 12.5,
      difficulty: 5.2,
      elapsed_days: 4,
      last_elapsed_days: 4,
      scheduled_days: 3,
      learning_steps: 0,
      review,
      duration: 6400
    }
    text += encodeRecord({ k: 'begin', tx, seq: seqFrom + i, epoch, at: review })
    text += encodeRecord({ k: 'put', tx, table: 'cards', values: [next] })
    text += encodeRecord({ k: 'put', tx, table: 'reviews', values: [log] })
    text += encodeRecord({ k: 'commit', tx })
  }
  return text
}

/**
 * A collection rebuilt after the browser discarded it: the newest backup restored (decoded,
 * checked, every row written) and the journal after it replayed, as journal-start.ts does; and
 * its limit, the same rows put into an empty collection of the same schema in one bare
 * transaction. Also the journal's size for 10,000 grades.
 */
export async function journalFigures(cards: number, tailReviews: number) {
  const now = Date.now()
  await seeded('bench-journal-source', cards, now)
  const source = await emptyCollection('bench-journal-source')
  const epoch = 'e-bench'
  await source.table('journalMark').put({ key: 'mark', epoch, seq: 1 })
  const backup = await encodeCollection(source, 'bench', now)
  const allCards = await source.cards.toArray()
  const lastLogId = ((await source.reviews.orderBy('id').lastKey()) as number | undefined) ?? 0
  const reviews = await source.reviews.count()
  source.close()
  const tail = journalTail(allCards, lastLogId + 1, tailReviews, epoch, 2, now)
  const tailBytes = new TextEncoder().encode(tail).length

  // The app's rebuild.
  await RecallDatabase.delete('bench-journal-app')
  const target = await emptyCollection('bench-journal-app')
  let started = performance.now()
  const restored = await restoreCollection(target, backup, { keepJournalSuspended: true })
  if (!restored.ok) throw new Error(restored.message)
  const journal = readJournal(epoch, [{ segment: 's-bench', text: tail }])
  const replayed = await replayJournal(target, epoch, journal.txs)
  const appMs = performance.now() - started
  target.close()

  // The limit: the same rows, parsed, put bare in one transaction.
  const rows = new Map<string, unknown[]>()
  const copy = await openRaw('bench-journal-app')
  for (const store of [...copy.objectStoreNames]) rows.set(store, await done(copy.transaction(store).objectStore(store).getAll()))
  copy.close()
  const emptyBare = await emptyCollection('bench-journal-bare')
  emptyBare.close()
  const bare = await openRaw('bench-journal-bare')
  started = performance.now()
  const tx = bare.transaction([...rows.keys()], 'readwrite', { durability: 'strict' })
  for (const [store, list] of rows) {
    const os = tx.objectStore(store)
    for (const row of list) os.put(row)
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error ?? new Error('the bare write failed'))
  })
  const bareMs = performance.now() - started
  bare.close()
  for (const name of ['bench-journal-source', 'bench-journal-app', 'bench-journal-bare']) await RecallDatabase.delete(name)
  return {
    reviews: reviews + replayed.reviews,
    backupMB: backup.length / 1e6,
    appMs,
    bareMs,
    bytesPer10k: Math.round((tailBytes * 10_000) / tailReviews)
  }
}
