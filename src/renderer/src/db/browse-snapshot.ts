import type { CardRecord } from '@core/model'
import { emptyDeckColumns, upsertCards, withoutCards, type DeckColumns } from '@core/search/columns'
import { fromStored, textsOf, toStored, type BrowseCacheDatabase, type StoredDeckTexts } from '@db/browse-cache'
import type { RecallDatabase } from '@db/database'
import Dexie from 'dexie'

/** Cards read per request when building, which bounds the card objects held at once. */
const PAGE = 5_000
/** Reading a second's worth of changed cards again costs little, and covers clocks a little apart. */
const MARGIN_MS = 1_000

/** One deck's columns, with what finding a card in them needs. A change makes a new block. */
export interface DeckBlock {
  columns: DeckColumns
  /** Card key → position, made when first needed. */
  index?: Map<string, number>
  /**
   * While the texts read from the cache are still on their way: the `builtFrom` they were saved
   * with, and the positions written since (whose texts are newer than the cache's).
   */
  awaitingTexts?: { savedFrom: number; count: number; written: Set<number> }
}

/**
 * Every card the browser can list, as columns per deck, kept current from the collection.
 *
 * Why the columns are current: every card write stamps the card with `mod` (db/derived-tables.ts),
 * so a deck's columns complete with the cards of `[deckId+mod]` at or after their `builtFrom`. That
 * read is a read-only transaction, which IndexedDB starts only after every earlier read-write one
 * on `cards` has finished; a write it does not see is stamped after it began, hence after
 * `builtFrom` (taken just before it, less a margin for clocks a little apart). Deleted cards leave
 * no stamp: `check` counts the cards and, when the count differs, compares keys deck by deck.
 */
export class BrowseSnapshot {
  private readonly decks = new Map<string, DeckBlock>()
  /** Decks to write to the cache, and decks to delete from it. */
  private readonly unsaved = new Set<string>()
  private readonly emptied = new Set<string>()
  /** Goes up with every change to the columns: what the search works out from them is kept until it does. */
  version = 0
  /** Settles once every card's text is in the columns (they come from the cache after the rest). */
  private textsLoaded: Promise<void> = Promise.resolve()

  private constructor(private readonly db: RecallDatabase) {}

  /**
   * The columns from the cache, caught up with the collection; when there are none, every card is
   * read (in pages, `onProgress` told how many so far). A cache that cannot be read counts as none.
   * The texts are read beside the rest and filled in when they come (`texts()`).
   */
  static async open(db: RecallDatabase, cache: BrowseCacheDatabase, onProgress?: (read: number) => void): Promise<BrowseSnapshot> {
    const snapshot = new BrowseSnapshot(db)
    const storedTexts = cache.texts.toArray()
    storedTexts.catch(() => undefined)
    const cached = await cache.decks
      .toArray()
      .then((rows) => rows.map(fromStored))
      .catch(() => [])
    if (cached.length === 0) {
      await snapshot.build(onProgress)
      return snapshot
    }
    for (const columns of cached)
      snapshot.decks.set(columns.deckId, {
        columns,
        awaitingTexts: { savedFrom: columns.builtFrom, count: columns.ids.length, written: new Set() }
      })
    snapshot.textsLoaded = storedTexts.catch(() => []).then((texts) => snapshot.fillTexts(texts))
    await snapshot.catchUp()
    return snapshot
  }

  /** Resolves once every card's text is in the columns: text searches and text sorts wait for it. */
  texts(): Promise<void> {
    return this.textsLoaded
  }

  /** Every deck's columns, in deck-key order (the order of the cards' keys). */
  blocks(): DeckBlock[] {
    return [...this.decks.values()].sort((a, b) => (a.columns.deckId < b.columns.deckId ? -1 : 1))
  }

  /** How many cards the columns hold, Removed ones included. */
  get size(): number {
    let size = 0
    for (const { columns } of this.decks.values()) size += columns.ids.length
    return size
  }

  /** Where a card is: its deck's block and its position there. */
  find(id: string): { block: DeckBlock; i: number } | undefined {
    // A card key starts with its deck's id (`deckId/noteId…`).
    const block = this.decks.get(id.slice(0, id.indexOf('/')))
    const i = block ? indexIn(block, id) : -1
    return block && i >= 0 ? { block, i } : undefined
  }

  /** Reads the cards with these keys again: a card gone from the collection leaves the columns. */
  async refresh(ids: readonly string[]): Promise<void> {
    await this.textsLoaded
    const cards = await this.db.cards.bulkGet([...ids])
    this.put(cards.filter((c): c is CardRecord => c !== undefined))
    this.remove(ids.filter((_, k) => cards[k] === undefined))
  }

  /**
   * Brings every deck up to date with the cards written since its `builtFrom`; true if anything
   * changed. Decks are the ones held and the ones the collection lists, all read in one round trip;
   * cards of a deck no longer listed are found by `check`.
   */
  async catchUp(): Promise<boolean> {
    const from = Date.now() - MARGIN_MS
    const held = [...this.decks.values()].map(({ columns }) => columns)
    const { changed, listed } = await this.db.transaction('r', this.db.cards, this.db.decks, async () => {
      const [listed, changed] = await Promise.all([
        this.db.decks.toCollection().primaryKeys(),
        Promise.all(held.map((columns) => changedSince(this.db, columns.deckId, columns.builtFrom)))
      ])
      const fresh = listed.filter((d) => !this.decks.has(d))
      return {
        listed,
        changed: [...changed.flat(), ...(await Promise.all(fresh.map((d) => this.db.cards.where('deckId').equals(d).toArray()))).flat()]
      }
    })
    let any = this.put(changed)
    for (const columns of held) {
      // A deck the collection no longer lists, whose cards are all gone.
      if (!listed.includes(columns.deckId) && (await this.db.cards.where('deckId').equals(columns.deckId).limit(1).count()) === 0) {
        this.dropDeck(columns.deckId)
        any = true
      }
    }
    for (const { columns } of this.decks.values()) columns.builtFrom = Math.max(columns.builtFrom, from)
    return any
  }

  /**
   * Finds cards deleted (or stored without a stamp) since the columns were made: the collection's
   * count against the columns', and where they differ, every deck's keys against its columns'.
   * Counting 100,000 cards takes IndexedDB some 300 ms, so this runs after the list is on screen.
   */
  async check(): Promise<boolean> {
    await this.textsLoaded
    const caughtUp = await this.catchUp()
    const { count, keys } = await this.db.transaction('r', this.db.cards, async () => {
      const count = await this.db.cards.count()
      if (count === this.size) return { count, keys: undefined }
      const deckIds = await deckIdsOfCards(this.db)
      return {
        count,
        keys: await Promise.all(deckIds.map(async (d) => [d, await this.db.cards.where('deckId').equals(d).primaryKeys()] as const))
      }
    })
    if (count === this.size || !keys) return caughtUp
    const stored = new Set(keys.flatMap(([, ids]) => ids))
    const missing = keys.flatMap(([, ids]) => ids.filter((id) => !this.find(id)))
    const ghosts: string[] = []
    for (const { columns } of this.decks.values())
      for (let i = 0; i < columns.ids.length; i++) {
        const id = columns.ids.get(i)
        if (!stored.has(id)) ghosts.push(id)
      }
    this.remove(ghosts)
    if (missing.length) this.put((await this.db.cards.bulkGet(missing)).filter((c): c is CardRecord => c !== undefined))
    return true
  }

  /** Writes what changed to the cache. A cache that cannot be written (a full disk) is simply behind. */
  async save(cache: BrowseCacheDatabase): Promise<void> {
    await this.textsLoaded
    const changed = [...this.unsaved].map((d) => this.decks.get(d)?.columns).filter((c): c is DeckColumns => c !== undefined)
    const emptied = [...this.emptied]
    this.unsaved.clear()
    this.emptied.clear()
    if (!changed.length && !emptied.length) return
    const stored = changed.map(toStored)
    await cache.transaction('rw', cache.decks, cache.texts, async () => {
      if (emptied.length) await Promise.all([cache.decks.bulkDelete(emptied), cache.texts.bulkDelete(emptied)])
      if (changed.length)
        await Promise.all([cache.decks.bulkPut(stored.map((s) => s.keys)), cache.texts.bulkPut(stored.map((s) => s.texts))])
    })
  }

  private async build(onProgress?: (read: number) => void): Promise<void> {
    const from = Date.now() - MARGIN_MS
    let after: string | undefined
    let read = 0
    for (;;) {
      const range = after === undefined ? this.db.cards.orderBy(':id') : this.db.cards.where(':id').above(after)
      const page = await range.limit(PAGE).toArray()
      this.put(page)
      read += page.length
      onProgress?.(read)
      if (page.length < PAGE) break
      after = page.at(-1)!.id
    }
    for (const { columns } of this.decks.values()) columns.builtFrom = from
  }

  /** Writes cards into their decks' columns; a card already there with the same change stamp is left alone. True if any was written. */
  /**
   * Fills in the texts read from the cache, leaving alone the cards written since. A deck whose
   * texts do not belong with its keys (saved apart, or missing) has its cards read again.
   */
  private async fillTexts(stored: readonly StoredDeckTexts[]): Promise<void> {
    const byDeck = new Map(stored.map((t) => [t.deckId, t]))
    const unmatched: string[] = []
    for (const block of this.decks.values()) {
      const waiting = block.awaitingTexts
      if (!waiting) continue
      const record = byDeck.get(block.columns.deckId)
      const stored = record && record.builtFrom === waiting.savedFrom ? textsOf(record, waiting.count) : undefined
      if (!stored) {
        unmatched.push(block.columns.deckId)
        continue
      }
      const { columns } = block
      const texts = stored.resized(3 * columns.ids.length)
      for (const i of waiting.written) for (let k = 3 * i; k < 3 * i + 3; k++) texts.set(k, columns.texts.get(k))
      columns.texts = texts
      block.awaitingTexts = undefined
    }
    for (const deckId of unmatched) {
      const block = this.decks.get(deckId)
      if (block) block.awaitingTexts = undefined
      this.put(await this.db.cards.where('deckId').equals(deckId).toArray(), true)
    }
    this.version++
  }

  private put(cards: readonly CardRecord[], always = false): boolean {
    const byDeck = new Map<string, Map<string, CardRecord>>()
    for (const card of cards) {
      const found = always ? undefined : this.find(card.id)
      if (found && found.block.columns.deckId === card.deckId && found.block.columns.mod[found.i] === card.mod) continue
      // A card is listed under its key's deck; `deckId` and the key never disagree in Recall.
      const deck = byDeck.get(card.deckId) ?? new Map<string, CardRecord>()
      deck.set(card.id, card)
      byDeck.set(card.deckId, deck)
    }
    for (const [deckId, unique] of byDeck) {
      const list = [...unique.values()]
      const block = this.decks.get(deckId) ?? { columns: emptyDeckColumns(deckId, 0) }
      const before = block.columns
      // Where each card goes (as upsertCards places them), so texts on their way do not overwrite these.
      let end = before.ids.length
      for (const card of list) {
        const at = indexIn(block, card.id)
        block.awaitingTexts?.written.add(at >= 0 ? at : end++)
      }
      const columns = upsertCards(before, list, (id) => indexIn(block, id))
      this.decks.set(deckId, {
        columns,
        ...(columns === before && block.index ? { index: block.index } : {}),
        ...(block.awaitingTexts ? { awaitingTexts: block.awaitingTexts } : {})
      })
      this.unsaved.add(deckId)
      this.emptied.delete(deckId)
      this.version++
    }
    return byDeck.size > 0
  }

  private remove(ids: readonly string[]): void {
    const byDeck = new Map<DeckBlock, Set<number>>()
    for (const id of ids) {
      const found = this.find(id)
      if (!found) continue
      const set = byDeck.get(found.block) ?? new Set<number>()
      set.add(found.i)
      byDeck.set(found.block, set)
    }
    for (const [block, gone] of byDeck) {
      const columns = withoutCards(block.columns, gone)
      if (columns.ids.length === 0) this.dropDeck(columns.deckId)
      else {
        this.decks.set(columns.deckId, { columns })
        this.unsaved.add(columns.deckId)
        this.version++
      }
    }
  }

  private dropDeck(deckId: string): void {
    this.version++
    this.decks.delete(deckId)
    this.unsaved.delete(deckId)
    this.emptied.add(deckId)
  }
}

function indexIn(block: DeckBlock, id: string): number {
  block.index ??= new Map(Array.from({ length: block.columns.ids.length }, (_, i) => [block.columns.ids.get(i), i]))
  return block.index.get(id) ?? -1
}

function changedSince(db: RecallDatabase, deckId: string, since: number): Promise<CardRecord[]> {
  return db.cards.where('[deckId+mod]').between([deckId, since], [deckId, Dexie.maxKey], true, true).toArray()
}

/** Every deck id the cards name: one index seek per deck (keys only) instead of a walk over the index. */
async function deckIdsOfCards(db: RecallDatabase): Promise<string[]> {
  const deckIds: string[] = []
  const next = async (after?: string) =>
    (await (after === undefined ? db.cards.orderBy('deckId') : db.cards.where('deckId').above(after)).limit(1).keys())[0] as
      string | undefined
  for (let deckId = await next(); deckId !== undefined; deckId = await next(deckId)) deckIds.push(deckId)
  return deckIds
}
