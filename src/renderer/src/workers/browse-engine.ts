import { Queue } from '@core/model'
import { fromTerms, type SearchNode } from '@core/search/ast'
import { ColumnCard, type DeckColumns } from '@core/search/columns'
import { compileSearch, type SearchContext, type SearchText } from '@core/search/compile'
import { IdList } from '@core/search/id-list'
import { parseSearch } from '@core/search/parse'
import { deckTieOrder, sortOrder, type SortColumn } from '@core/search/sort'
import { markFold, plainFold } from '@core/search/text-pattern'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayStart } from '@core/time/study-day'
import type { BrowseCacheDatabase } from '@db/browse-cache'
import { BrowseSnapshot, type DeckBlock } from '@db/browse-snapshot'
import type { RecallDatabase } from '@db/database'
import { cardsRatedSince } from '@db/rated-cards'
import { foldedOf, foundWhole, textAt, textNeeds, wholeTerms, type BlockTexts } from '@renderer/workers/browse-worker-texts'

/** Now, the study day, each deck's FSRS weights and name: what columns, `prop:r` and `deck:` are computed with. */
export interface BrowseView {
  now: number
  dayStart: number
  dayStartsAtHour: number
  weights: Record<string, readonly number[] | undefined>
  deckNames: Record<string, string>
}

export interface SearchRequest {
  query: string
  /** '' for every deck. */
  deckFilter: string
  sort: { column: SortColumn; descending: boolean }
  view: BrowseView
}

/** The keys found, in order, as an `IdList`'s two parts (they cross from a worker as bytes). */
export type SearchAnswer = { ok: true; ids: { text: string; starts: Int32Array } } | { ok: false; message: string; position: number }

/** The cards an action would apply to: these keys, or the last search's results but these. */
export type Targets = { ids: readonly string[] } | { allExcept: readonly string[] }

/** A call to the engine in the worker (workers/browse-worker.ts); `seq` orders searches, newest first. */
export type BrowseCall =
  | { method: 'start'; dbName: string }
  | { method: 'open' }
  | { method: 'search'; seq: number; request: SearchRequest }
  | { method: 'refresh'; ids: readonly string[] }
  | { method: 'check' }
  | { method: 'save' }
  | { method: 'suspended'; targets: Targets }

/** What the worker posts: how far the first reading got, or a call's answer. */
export type BrowseWorkerMessage = { kind: 'progress'; read: number } | { kind: 'reply'; id: number; result?: unknown; error?: string }

/**
 * Cards in an order: for each, its deck block (an index into `blocks`) and its position there. Their
 * keys are not kept: as one string (`IdList`) they are ~2 MB at 100,000 cards, made again at each
 * search that lists every card and let go once sent.
 */
interface Ordered {
  blocks: DeckBlock[]
  block: Int32Array
  position: Int32Array
}

/**
 * The card browser's search, off the page's thread: the columns of every card (db/browse-snapshot.ts,
 * read from IndexedDB directly), the search compiled once (core/search) and run over them through
 * one moving card view, then sorted. Answers are lists of keys in order; the page reads only the
 * rows it shows. Runs in workers/browse-worker.ts, and on the calling thread where there are no
 * workers (the unit tests).
 */
export class BrowseEngine {
  private snapshot: Promise<BrowseSnapshot> | undefined
  /** `rated:N` sets, by N, read once per opening: a search never reads the review log again. */
  private rated = new Map<number, Promise<Set<string>>>()
  private readonly texts = new WeakMap<DeckBlock, BlockTexts>()
  /** Each block's positions in tie order (core/search/sort.ts), kept until the block changes. */
  private readonly ties = new WeakMap<DeckBlock, Int32Array>()
  /** The last search's results, for `suspended`. */
  private last: Ordered = { blocks: [], block: new Int32Array(0), position: new Int32Array(0) }
  private ordered: { key: string; order: Ordered } | undefined

  constructor(
    private readonly db: RecallDatabase,
    private readonly cache: BrowseCacheDatabase
  ) {}

  /** Reads the columns (from the cache, caught up; or every card, the first time). */
  async open(onProgress?: (read: number) => void): Promise<void> {
    this.rated = new Map()
    const opening = this.snapshot
      ? this.snapshot.then(async (s) => (await s.catchUp(), s))
      : BrowseSnapshot.open(this.db, this.cache, onProgress)
    this.snapshot = opening
    try {
      await opening
    } catch (error) {
      this.snapshot = undefined
      throw error
    }
    void this.foldAhead(opening)
  }

  /**
   * Folds the cards' text for searching while nobody is typing, a deck at a time between other
   * work, so that the first word typed does not wait for 100,000 cards to be folded.
   */
  private async foldAhead(opening: Promise<BrowseSnapshot>): Promise<void> {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 0))
    const snapshot = await opening
    await snapshot.texts()
    await pause()
    for (const block of snapshot.blocks()) {
      if (this.snapshot !== opening) return
      this.textsOf(block, false)
      await pause()
    }
  }

  async search({ query, deckFilter, sort, view }: SearchRequest): Promise<SearchAnswer> {
    const parsed = parseSearch(query)
    if (!parsed.ok) return { ok: false, message: parsed.error, position: parsed.position }
    const snapshot = await this.ready()
    const needs = textNeeds(parsed.ast)
    if (needs.text || sort.column === 'question' || sort.column === 'answer') await snapshot.texts()
    const rated = await this.ratedSets(parsed.ast, view)
    const retrievability = (c: ColumnCard) => retrievabilityAt(c, view.now, view.weights[c.deckId])
    const order = this.orderOf(snapshot, sort, view, retrievability)
    if (parsed.ast.kind === 'all' && !deckFilter) {
      this.last = order
      const list = keysOf(order)
      return { ok: true, ids: { text: list.text, starts: list.starts } }
    }
    const card = new ColumnCard()
    let texts: BlockTexts | undefined
    // Free-text terms are searched in each deck's texts whole, before its cards are asked one by one.
    const terms = needs.text ? wholeTerms(parsed.ast) : []
    // A search made only of such terms (`embedding drift`): the cards every one found are its answer.
    const { ast } = parsed
    const onlyWhole = terms.length > 0 && terms.every((t) => t.needed) && (ast.kind === 'and' ? ast.children.length : 1) === terms.length
    let found = new Map<SearchNode, Uint8Array>()
    const text: SearchText = { typed: ['', '', ''], plain: ['', '', ''] }
    let textFor: DeckColumns | undefined
    let textAtI = -1
    const ctx: SearchContext<ColumnCard> = {
      now: view.now,
      dayStart: view.dayStart,
      dayStartsAtHour: view.dayStartsAtHour,
      retrievability,
      ratedSince: (key, days) => rated.get(days)?.has(key) ?? false,
      deckName: (id) => view.deckNames[id],
      // A search with several text terms reads a card's text once: its fields are sliced for the first.
      textOf: (c) =>
        c.columns === textFor && c.i === textAtI ? text : ((textFor = c.columns), (textAtI = c.i), textAt(c.columns, c.i, texts!, text)),
      found: (term, c) => {
        const hits = found.get(term)
        return hits ? hits[c.i] === 1 : undefined
      }
    }
    const matches = compileSearch<ColumnCard>(parsed.ast)
    // Which cards match, block by block; then the order of every card, kept from the last search, read through.
    const matched = order.blocks.map(({ columns }, b) => {
      const hit = new Uint8Array(columns.ids.length)
      if (deckFilter && columns.deckId !== deckFilter) return hit
      texts = needs.text ? this.textsOf(order.blocks[b]!, needs.marks) : undefined
      const whole = terms.length ? foundWhole(terms, columns, texts!) : undefined
      found = whole?.found ?? found
      const candidates = whole?.candidates
      // (Retired cards are never in the order read through below.)
      if (candidates && onlyWhole && whole.found.size === terms.length) return candidates
      for (let i = 0; i < columns.ids.length; i++)
        if ((!candidates || candidates[i]) && columns.queue[i] !== Queue.Removed && matches(card.at(columns, i), ctx)) hit[i] = 1
      return hit
    })
    const block = new Int32Array(order.position.length)
    const position = new Int32Array(order.position.length)
    let count = 0
    for (let n = 0; n < order.position.length; n++) {
      const b = order.block[n]!
      const i = order.position[n]!
      if (!matched[b]![i]) continue
      block[count] = b
      position[count++] = i
    }
    this.last = { blocks: order.blocks, block: block.slice(0, count), position: position.slice(0, count) }
    const list = keysOf(this.last)
    return { ok: true, ids: { text: list.text, starts: list.starts } }
  }

  /**
   * Every listed card in the order asked for, worked out once and kept while the columns, the order
   * and the moment it was worked out for stay the same: a search then only reads it through.
   */
  private orderOf(
    snapshot: BrowseSnapshot,
    sort: SearchRequest['sort'],
    view: BrowseView,
    retrievability: (c: ColumnCard) => number
  ): Ordered {
    // Only recall depends on the moment, and only the deck column on the decks' names.
    const key = [
      snapshot.version,
      sort.column,
      sort.descending,
      sort.column === 'retrievability' ? view.now : '',
      sort.column === 'deck' ? JSON.stringify(view.deckNames) : ''
    ].join('|')
    if (this.ordered?.key === key) return this.ordered.order
    const blocks = snapshot.blocks()
    const card = new ColumnCard()
    // Every listed card in tie order: decks by id (the blocks' order), each deck's cards as kept per block.
    const block: number[] = []
    const position: number[] = []
    blocks.forEach((b, n) => {
      const { columns } = b
      let ties = this.ties.get(b)
      if (!ties) {
        ties = deckTieOrder(columns.ord, columns.ids)
        this.ties.set(b, ties)
      }
      for (const i of ties) {
        if (columns.queue[i] === Queue.Removed) continue
        block.push(n)
        position.push(i)
      }
    })
    const sorted = sortOrder(block.length, (k) => card.at(blocks[block[k]!]!.columns, position[k]!), sort.column, sort.descending, {
      deckName: (id) => view.deckNames[id],
      retrievability
    })
    const order: Ordered = {
      blocks,
      block: Int32Array.from(sorted, (k) => block[k]!),
      position: Int32Array.from(sorted, (k) => position[k]!)
    }
    this.ordered = { key, order }
    return order
  }

  /** Reads these cards again after an action: changed ones, new ones, and ones gone. */
  async refresh(ids: readonly string[]): Promise<void> {
    await (await this.ready()).refresh(ids)
  }

  /** Looks for cards deleted since the columns were made; true when the list may have changed. */
  async check(): Promise<boolean> {
    return (await this.ready()).check()
  }

  /** Writes the columns that changed to the cache; a failure only leaves the cache behind. */
  async save(): Promise<void> {
    if (!this.snapshot) return
    await (await this.snapshot).save(this.cache).catch(() => undefined)
  }

  /** How many of the targets there are and how many of them are suspended. */
  async suspended(targets: Targets): Promise<{ count: number; suspended: number }> {
    const snapshot = await this.ready()
    let count = 0
    let suspended = 0
    if ('ids' in targets) {
      for (const id of targets.ids) {
        const found = snapshot.find(id)
        if (!found) continue
        count++
        if (found.block.columns.queue[found.i] === Queue.Suspended) suspended++
      }
    } else {
      const except = new Set(targets.allExcept)
      const { blocks, block, position } = this.last
      for (let n = 0; n < position.length; n++) {
        const columns = blocks[block[n]!]!.columns
        if (except.has(columns.ids.get(position[n]!))) continue
        count++
        if (columns.queue[position[n]!] === Queue.Suspended) suspended++
      }
    }
    return { count, suspended }
  }

  private ready(): Promise<BrowseSnapshot> {
    if (!this.snapshot) throw new Error('the browser’s search was used before it opened')
    return this.snapshot
  }

  private textsOf(block: DeckBlock, marks: boolean): BlockTexts {
    let texts = this.texts.get(block)
    if (!texts) {
      texts = { plain: foldedOf(block.columns.texts, plainFold) }
      this.texts.set(block, texts)
    }
    if (marks && !texts.noMarks) texts.noMarks = foldedOf(block.columns.texts, markFold)
    return texts
  }

  private async ratedSets(ast: SearchNode, view: BrowseView): Promise<Map<number, Set<string>>> {
    const sets = new Map<number, Set<string>>()
    for (const days of ratedDays(ast)) {
      let set = this.rated.get(days)
      if (!set) {
        set = cardsRatedSince(this.db, studyDayStart(view.dayStart, 1 - days, view.dayStartsAtHour))
        this.rated.set(days, set)
      }
      sets.set(days, await set)
    }
    return sets
  }
}

/** Every `rated:N` in a search, so their sets are read before the predicate runs. */
const ratedDays = (node: SearchNode): number[] => fromTerms(node, (term) => (term.kind === 'rated' ? [term.days] : []))

/** The keys of the cards of an order, in that order. */
function keysOf({ blocks, block, position }: Ordered): IdList {
  const ids = new Array<string>(position.length)
  for (let n = 0; n < position.length; n++) ids[n] = blocks[block[n]!]!.columns.ids.get(position[n]!)
  return IdList.of(ids)
}
