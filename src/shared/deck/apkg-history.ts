import { eachRow, hasTable } from '@shared/deck/sqlite-rows'
import type { Database, SqlValue } from 'sql.js'

/**
 * An Anki package's study history: every card that Anki studied, with its scheduling columns, its
 * FSRS memory state (`cards.data`: `s`, `d`, `dr`) and its review log (`revlog`). Read only; the
 * page decides which cards take it (db/import-history.ts) and how it becomes Recall's review log
 * and card state (core/scheduling/anki-history.ts). Cards are named by their note's guid and
 * their ord, since Recall's card keys depend on the deck the import lands in.
 */

/** One `revlog` row. Anki's `type`: 0 learn, 1 review, 2 relearn, 3 filtered (cram), 4 manual, 5 rescheduled. */
export interface AnkiReview {
  /** When it was answered: the row's id, epoch ms. */
  at: number
  /** The button: 1 Again … 4 Easy; 0 for a manual change (set due date, reset, reschedule). */
  ease: number
  /** The interval after the answer: days when positive, seconds when negative. */
  ivl: number
  /** The interval before it, same units. */
  lastIvl: number
  /** Ease factor after the answer, in permille; 0 for a filtered deck's answer that did not reschedule. */
  factor: number
  /** Milliseconds taken to answer. */
  timeMs: number
  type: number
}

export interface AnkiCardHistory {
  guid: string
  ord: number
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number
  /** -3/-2 buried, -1 suspended, 0 new, 1 learning, 2 review, 3 learning over days, 4 preview. */
  queue: number
  /**
   * Review and day-learning cards: a day number counted from the collection's creation day;
   * learning cards: epoch seconds. A card in a filtered deck has its home deck's due here.
   */
  due: number
  /** Days for a review card. */
  ivl: number
  factor: number
  reps: number
  lapses: number
  /** Anki's FSRS memory state, when Anki computed one. */
  memory?: { stability: number; difficulty: number; desiredRetention?: number }
  /** Oldest first. */
  reviews: AnkiReview[]
}

export interface PackageHistory {
  /** `col.crt`: the collection's creation, at the start of its study day, epoch ms. */
  collectionCreated: number
  /** Cards with reviews or an FSRS memory state. */
  cards: AnkiCardHistory[]
  /** Every revlog row of those cards. */
  reviewCount: number
  /** Revlog rows of cards the package does not hold (deleted in Anki), and how many cards they were of. */
  orphanReviews: number
  orphanCards: number
}

/**
 * The package's history, or undefined when it has none (a deck shared without scheduling) or it
 * cannot be read: the notes still come in, without their history.
 */
export function readPackageHistory(db: Database): PackageHistory | undefined {
  try {
    return readHistory(db)
  } catch {
    return undefined
  }
}

function readHistory(db: Database): PackageHistory | undefined {
  if (!hasTable(db, 'revlog') || !hasTable(db, 'cards')) return undefined
  const created = Number(db.exec('SELECT crt FROM col')[0]?.values[0]?.[0] ?? 0)
  const reviewsOf = new Map<number, AnkiReview[]>()
  eachRow(db, 'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id', (row) => {
    const [id, cid, ease, ivl, lastIvl, factor, time, type] = row.map(Number)
    let list = reviewsOf.get(cid!)
    if (!list) reviewsOf.set(cid!, (list = []))
    list.push({ at: id!, ease: ease!, ivl: ivl!, lastIvl: lastIvl!, factor: factor!, timeMs: Math.max(0, time!), type: type! })
  })
  const cards: AnkiCardHistory[] = []
  let reviewCount = 0
  const columns = 'c.id, n.guid, c.ord, c.type, c.queue, c.due, c.odue, c.odid, c.ivl, c.factor, c.reps, c.lapses'
  const data = columnExists(db, 'cards', 'data') ? ', c.data' : ", ''"
  eachRow(db, `SELECT ${columns}${data} FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id`, (row) => {
    const [id, guid, ord, type, queue, due, odue, odid, ivl, factor, reps, lapses, json] = row
    const reviews = reviewsOf.get(Number(id)) ?? []
    reviewsOf.delete(Number(id))
    const memory = memoryOf(json)
    if (reviews.length === 0 && !memory) return
    reviewCount += reviews.length
    cards.push({
      guid: String(guid ?? ''),
      ord: Number(ord),
      type: Number(type),
      queue: Number(queue),
      // In a filtered deck, `odue` is the card's due in its home deck.
      due: Number(odid) !== 0 && Number(odue) !== 0 ? Number(odue) : Number(due),
      ivl: Number(ivl),
      factor: Number(factor),
      reps: Number(reps),
      lapses: Number(lapses),
      ...(memory ? { memory } : {}),
      reviews
    })
  })
  let orphanReviews = 0
  for (const list of reviewsOf.values()) orphanReviews += list.length
  if (cards.length === 0 && orphanReviews === 0) return undefined
  return { collectionCreated: created * 1000, cards, reviewCount, orphanReviews, orphanCards: reviewsOf.size }
}

/** `cards.data` holds `{"s": 12.3, "d": 5.1, "dr": 0.9, …}` once Anki has computed the card's FSRS memory. */
function memoryOf(json: SqlValue | undefined): AnkiCardHistory['memory'] {
  if (typeof json !== 'string' || !json.includes('"s"')) return undefined
  try {
    const data = JSON.parse(json) as { s?: unknown; d?: unknown; dr?: unknown }
    const { s, d, dr } = data
    if (typeof s !== 'number' || typeof d !== 'number' || !(s > 0) || !(d >= 1 && d <= 10)) return undefined
    return { stability: s, difficulty: d, ...(typeof dr === 'number' && dr > 0 && dr < 1 ? { desiredRetention: dr } : {}) }
  } catch {
    return undefined
  }
}

function columnExists(db: Database, table: string, column: string): boolean {
  return (db.exec(`PRAGMA table_info(${table})`)[0]?.values ?? []).some((row) => row[1] === column)
}
