import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs'
import { timeRepeated } from './page/stats-util'

/** ts-fsrs next() per card under Node: the scheduler's cost without a browser around it. */
export async function fsrsNextInNode(cards = 1000, reps = 21): Promise<number[]> {
  const scheduler = fsrs()
  const start = new Date('2025-01-01T10:00:00Z')
  const pool: Card[] = Array.from({ length: cards }, (_, i) => {
    let card = createEmptyCard(start)
    let at = start
    for (let r = 0; r < 1 + (i % 8); r++) {
      card = scheduler.next(card, at, r % 5 === 4 ? Rating.Again : Rating.Good).card
      at = card.due
    }
    return card
  })
  const at = new Date('2026-01-01T10:00:00Z')
  const samples = await timeRepeated(reps, () => {
    for (const card of pool) scheduler.next(card, at, Rating.Good)
  })
  return samples.map((ms) => ms / cards)
}

export interface OptimizerRun {
  /** Seconds for the training alone (items built from the histories included). */
  trainSeconds: number
  /** Seconds for one evaluation (`evaluateParameters`, one parameter set over every review). */
  evaluateSeconds: number
  cards: number
  items: number
  /** Progress reports heard during the training. */
  progressReports: number
  w: number[]
}

/**
 * The desktop app's optimizer on `reviews` synthetic reviews under Node: the native binding
 * (fsrs-rs on libuv's threads) as main runs it, then one evaluation as the store runs it.
 */
export async function optimizerInNode(reviews: number): Promise<OptimizerRun> {
  const [{ optimizeParameters }, binding, { evaluateParameters }, { syntheticHistories }, { countTrainingItems }] = await Promise.all([
    import('@main/optimizer'),
    import('@open-spaced-repetition/binding'),
    import('@core/optimizer/evaluate'),
    import('./synthetic-reviews'),
    import('@shared/optimizer')
  ])
  const histories = syntheticHistories(reviews)
  let progressReports = 0
  let start = performance.now()
  const result = await optimizeParameters(histories, binding as never, () => progressReports++)
  const trainSeconds = (performance.now() - start) / 1000
  if (!result.ok) throw new Error(result.message)
  start = performance.now()
  evaluateParameters(result.w, histories)
  const evaluateSeconds = (performance.now() - start) / 1000
  return { trainSeconds, evaluateSeconds, cards: histories.length, items: countTrainingItems(histories), progressReports, w: result.w }
}

/**
 * Exporting a collection to an Anki package under Node: `cards` study cards (basic notes, every
 * fifth reversed, every card in review with ten grades in its log), with the SQL.js the command
 * line uses. Returns the time of `buildApkg` alone (the collection is built before the clock starts).
 */
export async function apkgExportInNode(cards: number): Promise<{ ms: number; bytes: number; notes: number; reviews: number }> {
  const [{ buildApkg }, { default: initSqlJs }] = await Promise.all([import('@shared/deck/apkg-export'), import('sql.js')])
  const SQL = await initSqlJs()
  const now = Date.UTC(2026, 0, 15, 12)
  const day = 86_400_000
  const notes: Array<{ id: string; type: 'basic'; front: string; back: string; tags: string[]; reverse?: boolean }> = []
  const states = []
  const reviews = []
  for (let made = 0, i = 0; made < cards; i++) {
    const reverse = i % 5 === 0 && made + 2 <= cards
    notes.push({
      id: `n${i}`,
      type: 'basic',
      front: `Question ${i}: what does service ${i} do?`,
      back: `It does thing ${i}.`,
      tags: ['bench'],
      reverse
    })
    for (const key of reverse ? [`bench/n${i}`, `bench/n${i}/reverse`] : [`bench/n${i}`]) {
      made++
      states.push({
        id: key,
        due: now + (i % 60) * day,
        stability: 20,
        difficulty: 5,
        scheduled_days: 20,
        reps: 10,
        lapses: 1,
        state: 2,
        queue: 2,
        last_review: now - 20 * day
      })
      for (let r = 0; r < 10; r++)
        reviews.push({
          cardKey: key,
          rating: r === 3 ? 1 : 3,
          state: r === 0 ? 0 : 2,
          due: now - (200 - r * 18) * day,
          scheduled_days: r * 2,
          review: now - (200 - r * 18) * day + made,
          duration: 6000
        })
    }
  }
  const deck = { format: 'recall-deck' as const, version: 2 as const, id: 'bench', name: 'Bench', notes }
  const start = performance.now()
  const result = buildApkg({ decks: [{ deck, cards: states }], reviews, now }, SQL)
  return { ms: performance.now() - start, bytes: result.bytes.length, notes: result.notes, reviews: result.reviews }
}

/**
 * Importing a `notes`-note Anki package with `images` pictures under Node, as the import worker
 * reads it (importDeckFile with SQL.js: unzip, SQLite, note types, text, media checks), against
 * its limit measured in turn with it: the bare work no reader avoids — unzipping, opening the
 * collection in SQL.js and stepping through every note's fields, and touching every image's bytes.
 * The package is made by Recall's own Anki export, before the clock starts.
 */
export async function apkgImportInNode(
  notes: number,
  images: number,
  reps = 3
): Promise<{ app: number[]; limit: number[]; bytes: number; cards: number }> {
  const [{ buildApkg }, { importDeckFile }, { unzipSync }, { default: initSqlJs }] = await Promise.all([
    import('@shared/deck/apkg-export'),
    import('@shared/deck/import-file'),
    import('fflate'),
    import('sql.js')
  ])
  const SQL = await initSqlJs()
  const media = Array.from({ length: images }, (_, i) => ({ name: `diagram-${i}.png`, bytes: fakePng(20_000, i) }))
  const deckNotes = Array.from({ length: notes }, (_, i) => ({
    id: `n${i}`,
    type: 'basic' as const,
    front:
      i % 10 === 0 && i / 10 < images
        ? `Which architecture is this? ![diagram ${i / 10}](diagram-${i / 10}.png)`
        : `What does service **${i}** do?`,
    back: `It handles task ${i} & logs it to Amazon CloudWatch.`,
    tags: ['bench']
  }))
  const deck = { format: 'recall-deck' as const, version: 2 as const, id: 'bench-import', name: 'Bench import', notes: deckNotes }
  const { bytes } = buildApkg({ decks: [{ deck }], media, now: Date.UTC(2026, 0, 15, 12) }, SQL)
  const app: number[] = []
  const limit: number[] = []
  let cards = 0
  for (let r = 0; r < reps; r++) {
    let start = performance.now()
    const result = await importDeckFile({ name: 'bench.apkg', bytes }, { sqlJs: SQL })
    app.push(performance.now() - start)
    if (!result.deck || result.deck.notes.length !== notes || (result.media?.length ?? 0) !== images)
      throw new Error(
        `the bench package read as ${result.deck?.notes.length ?? 0} notes and ${result.media?.length ?? 0} media: ${result.problems[0]?.message ?? ''}`
      )
    cards = result.deck.notes.length
    start = performance.now()
    const files = unzipSync(bytes)
    const db = new SQL.Database(files['collection.anki21'] ?? files['collection.anki2'])
    const statement = db.prepare('SELECT flds FROM notes')
    let chars = 0
    while (statement.step()) chars += String(statement.get()[0]).length
    statement.free()
    db.close()
    let touched = 0
    for (const [name, file] of Object.entries(files)) if (/^\d+$/.test(name)) touched += file[0]! + file[file.length - 1]!
    limit.push(performance.now() - start)
    if (chars === 0 || touched < 0) throw new Error('nothing read')
  }
  return { app, limit, bytes: bytes.length, cards }
}

/** A PNG's signature and header chunk, then `size` bytes that do not compress, like a real diagram. */
function fakePng(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size)
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  let x = seed * 2654435761 + 1
  for (let i = 16; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}
