import { Queue, type CardRecord, type DeckRecord, type ReviewRecord } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { notesFromCards } from '@db/notes-from-cards'
import { done } from './raw-idb'

/**
 * A heavy user's collection: N cards in ten decks of N/10, 30 % new, 8 % (re)learning, 62 % in
 * review, and on average 10 review logs per card (or `logsPerCard`; only studied cards have logs), spread
 * over the two years before `now`. Seeded (mulberry32), so every run writes the same rows.
 *
 * Written with the bare IndexedDB API into a database made with the app's schema as an older
 * version left it (seed-schema.ts; the app's first start then upgrades it): chunk by chunk, each chunk one relaxed
 * transaction per table, cards and logs in parallel, the next chunk generated while the last is
 * being written, at most two chunks in memory. Generation time is not a figure. Its floor is
 * Chromium's own work per stored row (~0.2–0.3 ms of CPU, mostly in the browser process, the same
 * through Dexie), so on two cores a million logs take a couple of minutes however they are sent.
 */
export const DECKS = 10
export const deckIdOf = (i: number) => `bench-${String(i).padStart(2, '0')}`
const deckNameOf = (i: number) => `Bench deck ${String(i).padStart(2, '0')}`

const DAY = 86_400_000
/** Rows (cards + logs) per chunk: large enough to keep IndexedDB busy, small enough not to hold the collection in memory. */
const CHUNK = 50_000

const WORDS =
  'model endpoint training inference feature store pipeline bias drift latency batch stream label tuning embedding vector token prompt guardrail monitor'.split(
    ' '
  )
const sentence = (rand: () => number, words: number) =>
  Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ')

export interface Generated {
  cards: number
  reviews: number
  decks: number
}

/** How the bench page's progress lines start on the console (the runner prints them). */
export const SEED_PROGRESS = '[seed]'

/** Rows written so far, reported after each chunk (a seed of millions of rows takes minutes). */
export interface SeedProgress {
  cards: number
  reviews: number
  notes: number
}

export interface GenerateOptions {
  /** Review logs per card on average (every studied card has at least one); the default, 10, writes the rows of every earlier run. */
  logsPerCard?: number
  onProgress?: (written: SeedProgress) => void
  /** Rows (cards + logs) per chunk written. */
  chunkRows?: number
}

/** The share of cards that are studied (learning or review); only they have logs. */
const STUDIED = 0.7
/** The historical span of a studied card's log count (1 + ⌊U·26.6⌋, 13.8 on average: 9.66 logs per card). */
const TEN_LOGS_SPAN = 26.6

/** Logs per card of a span s: each studied card has 1 + ⌊U·s⌋ logs, U uniform in [0, 1). */
export const logsPerCardOfSpan = (s: number) => {
  let floorMean = 0 // E⌊U·s⌋ = Σ_{k=1}^{⌊s⌋} P(U·s ≥ k)
  for (let k = 1; k <= Math.floor(s); k++) floorMean += 1 - k / s
  return STUDIED * (1 + floorMean)
}

/**
 * The span that gives `logsPerCard` logs per card on average (bisection: the mean rises with the
 * span). 10 keeps the historical 26.6 (9.66 per card), so default runs seed the same rows as before.
 */
export function logSpanFor(logsPerCard: number): number {
  if (logsPerCard === 10) return TEN_LOGS_SPAN
  if (!(logsPerCard >= STUDIED)) throw new Error(`at least ${STUDIED} logs per card: every studied card has one`)
  let [low, high] = [0, 2 * (logsPerCard / STUDIED) + 2]
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2
    if (logsPerCardOfSpan(mid) < logsPerCard) low = mid
    else high = mid
  }
  return (low + high) / 2
}

/**
 * Puts rows into one store in one relaxed transaction, every request issued at once (none is
 * awaited: the transaction's completion says they all succeeded).
 */
function putAll(db: IDBDatabase, store: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' })
    const os = tx.objectStore(store)
    for (const row of rows) os.put(row)
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new Error(`writing ${store} was aborted`))
  })
}

/**
 * Writes chunks as they are generated. A chunk's cards and logs go in two transactions that
 * IndexedDB runs side by side (their scopes differ); transactions on one store run in the order
 * they were made, so logs get their auto-incremented ids in generation order, as with one writer.
 * At most two chunks are in flight, which bounds memory.
 */
function chunkWriter(db: IDBDatabase, onWritten: (cards: number, logs: number) => void) {
  let previous: Promise<unknown> = Promise.resolve()
  return {
    async write(cards: CardRecord[], logs: ReviewRecord[]) {
      const written = Promise.all([putAll(db, 'cards', cards), putAll(db, 'reviews', logs)]).then(() =>
        onWritten(cards.length, logs.length)
      )
      written.catch(() => undefined) // reported when awaited below or by finish()
      await previous
      previous = written
    },
    finish: () => previous
  }
}

/**
 * Generates the collection into `db`, a bare connection to the app's database. `mod` is the
 * cards' change stamp, which the app's Dexie middleware would have given them (see derived-tables.ts).
 */
export async function generateCollection(
  db: IDBDatabase,
  n: number,
  now: number,
  seed = 42,
  mod = now,
  options: GenerateOptions = {}
): Promise<Generated> {
  const rand = mulberry32(seed)
  const span = logSpanFor(options.logsPerCard ?? 10)
  const perDeck = Math.ceil(n / DECKS)
  const decks: DeckRecord[] = []
  let cards: CardRecord[] = []
  let logs: ReviewRecord[] = []
  let cardTotal = 0
  const written: SeedProgress = { cards: 0, reviews: 0, notes: 0 }
  const writer = chunkWriter(db, (c, l) => {
    written.cards += c
    written.reviews += l
    options.onProgress?.({ ...written })
  })
  const flush = async (force: boolean) => {
    if (!force && cards.length + logs.length < (options.chunkRows ?? CHUNK)) return
    const [c, l] = [cards, logs]
    cards = []
    logs = []
    await writer.write(c, l)
  }
  for (let d = 0; d < DECKS && cardTotal < n; d++) {
    const deckId = deckIdOf(d)
    const count = Math.min(perDeck, n - cardTotal)
    decks.push({
      id: deckId,
      name: deckNameOf(d),
      origin: 'user',
      file: `${deckId}.json`,
      contentHash: `bench-${seed}-${n}-${d}`,
      cardCount: count,
      updatedAt: now
    })
    for (let i = 0; i < count; i++) {
      const id = `${deckId}/card-${i}`
      const createdAt = now - 730 * DAY + Math.floor(rand() * 30 * DAY)
      const roll = rand()
      const base = {
        id,
        deckId,
        cardId: `card-${i}`,
        reverse: false,
        ord: i,
        question: `Q${d}.${i}: ${sentence(rand, 6 + Math.floor(rand() * 8))}?`,
        answer: sentence(rand, 15 + Math.floor(rand() * 25)),
        tags: [WORDS[i % WORDS.length]!, `deck-${d}`],
        createdAt,
        mod
      }
      if (roll < 0.3) {
        cards.push({
          ...base,
          due: createdAt,
          stability: 0,
          difficulty: 0,
          elapsed_days: 0,
          scheduled_days: 0,
          learning_steps: 0,
          reps: 0,
          lapses: 0,
          state: 0,
          queue: Queue.New
        })
      } else {
        const reps = 1 + Math.floor(rand() * span) // 70 % of cards × their mean (13.8 at the default span) ≈ logs per card
        const learning = roll < 0.38
        const lastReview = learning ? now - Math.floor(rand() * 6 * 3_600_000) : now - Math.floor(rand() * 60 * DAY)
        const stability = learning ? 0.5 + rand() * 2 : 1 + rand() * 200
        const due = learning
          ? lastReview + (1 + Math.floor(rand() * 10)) * 60_000
          : lastReview + Math.floor(stability * DAY * (0.3 + rand() * 1.2))
        const state = learning ? (rand() < 0.5 ? 1 : 3) : 2
        const lapses = Math.floor(rand() * 3)
        cards.push({
          ...base,
          due,
          stability,
          difficulty: 1 + rand() * 9,
          elapsed_days: Math.floor((now - lastReview) / DAY),
          scheduled_days: Math.max(0, Math.round((due - lastReview) / DAY)),
          learning_steps: learning ? 1 : 0,
          reps,
          lapses,
          state,
          last_review: lastReview,
          queue: learning ? Queue.Learning : Queue.Review
        })
        // Review times rise from creation to the last review.
        let t = createdAt
        const gap = (lastReview - createdAt) / reps
        for (let r = 0; r < reps; r++) {
          t = r === reps - 1 ? lastReview : t + Math.floor(gap * (0.5 + rand()))
          const rating = rand() < 0.12 ? 1 : rand() < 0.15 ? 2 : rand() < 0.9 ? 3 : 4
          logs.push({
            cardKey: id,
            deckId,
            rating,
            state: r === 0 ? 0 : 2,
            due: t + DAY,
            stability: 1 + r * 3,
            difficulty: 5,
            elapsed_days: Math.floor(gap / DAY),
            last_elapsed_days: Math.floor(gap / DAY),
            scheduled_days: Math.floor(gap / DAY),
            learning_steps: 0,
            review: t,
            duration: 2000 + Math.floor(rand() * 12_000)
          })
        }
      }
      cardTotal++
      await flush(false)
    }
  }
  await flush(true)
  await writer.finish()
  await putAll(db, 'decks', decks)
  await putAll(db, 'settings', [{ key: 'welcomeSeen', value: true }])
  if (db.objectStoreNames.contains('notes'))
    await notesOfCards(db, (notes) => {
      written.notes += notes
      options.onProgress?.({ ...written })
    })
  const reviews = await done(db.transaction('reviews', 'readonly').objectStore('reviews').count())
  return { cards: cardTotal, reviews, decks: decks.length }
}

/** A collection seeded at version 5 or later has notes: each card's, made as the version-5 upgrade makes them. */
async function notesOfCards(db: IDBDatabase, onWritten: (notes: number) => void): Promise<void> {
  let last: IDBValidKey | undefined
  for (;;) {
    const range = last === undefined ? undefined : IDBKeyRange.lowerBound(last, true)
    const cards = (await done(db.transaction('cards').objectStore('cards').getAll(range, CHUNK))) as Array<Record<string, unknown>>
    const notes = notesFromCards(cards)
    await putAll(db, 'notes', notes)
    onWritten(notes.length)
    if (cards.length < CHUNK) return
    last = cards.at(-1)!.id as string
  }
}

export const PICTURES_DECK = 'Bench pictures'

/** A diagram-like PNG, drawn in the page: boxes, arrows and labels on a light background. */
async function diagram(rand: () => number, label: string): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(800, 450)
  const g = canvas.getContext('2d')!
  g.fillStyle = '#f8fafc'
  g.fillRect(0, 0, 800, 450)
  g.font = '20px sans-serif'
  for (let b = 0; b < 6; b++) {
    const [x, y] = [40 + b * 125, 80 + Math.floor(rand() * 260)]
    g.fillStyle = `hsl(${Math.floor(rand() * 360)} 60% 75%)`
    g.fillRect(x, y, 100, 60)
    g.fillStyle = '#0f172a'
    g.fillText(`${label}.${b}`, x + 8, y + 36)
    g.beginPath()
    g.moveTo(x + 100, y + 30)
    g.lineTo(x + 125, 80 + Math.floor(rand() * 260))
    g.stroke()
  }
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
}

/**
 * A deck of `count` new cards whose question has three pictures (800×450 PNG diagrams, each its
 * own file in the media table) and a formula: the heaviest card to put on screen after a grade.
 * Each card is one front/back note, made as the version-5 upgrade makes them (notes-from-cards.ts).
 * Needs the media and notes tables (version 6 on).
 */
export async function generatePicturesDeck(db: IDBDatabase, now: number, count = 25, seed = 7): Promise<void> {
  const rand = mulberry32(seed)
  const deckId = 'bench-pictures'
  const media: object[] = []
  const cards: CardRecord[] = []
  for (let i = 0; i < count; i++) {
    const names = [0, 1, 2].map((k) => `bench-diagram-${i}-${k}.png`)
    for (const [k, name] of names.entries()) {
      const bytes = await diagram(rand, `${i}${'abc'[k]}`)
      media.push({ name, hash: `bench-${seed}-${i}-${k}`, type: 'image/png', size: bytes.length, bytes, added: now })
    }
    cards.push({
      id: `${deckId}/card-${i}`,
      deckId,
      cardId: `card-${i}`,
      reverse: false,
      ord: i,
      question: `Figure ${i}: which stage comes next?\n\n${names.map((n) => `![stage](${n})`).join(' ')}\n\n$F_1 = \\frac{2PR}{P+R}$`,
      answer: sentence(rand, 20),
      tags: ['pictures'],
      createdAt: now - DAY,
      mod: now,
      due: now - DAY,
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 0,
      lapses: 0,
      state: 0,
      queue: Queue.New
    })
  }
  await putAll(db, 'media', media)
  await putAll(db, 'cards', cards)
  await putAll(db, 'notes', notesFromCards(cards as unknown as Array<Record<string, unknown>>))
  await putAll(db, 'decks', [
    {
      id: deckId,
      name: PICTURES_DECK,
      origin: 'user',
      file: `${deckId}.json`,
      contentHash: `bench-pictures-${seed}`,
      cardCount: count,
      updatedAt: now
    }
  ])
}
