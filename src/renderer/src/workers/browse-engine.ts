import { Queue } from '@core/model'
import type { SearchNode } from '@core/search/ast'
import { ColumnCard, type DeckColumns } from '@core/search/columns'
import { compileSearch, searchTextOf, type SearchContext, type SearchText } from '@core/search/compile'
import { IdList } from '@core/search/id-list'
import { parseSearch } from '@core/search/parse'
import { sortOrder, type SortColumn } from '@core/search/sort'
import { markFold } from '@core/search/text-pattern'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayStart } from '@core/time/study-day'
import type { BrowseCacheDatabase } from '@db/browse-cache'
import { BrowseSnapshot, type DeckBlock } from '@db/browse-snapshot'
import type { RecallDatabase } from '@db/database'
import { cardsRatedSince } from '@db/rated-cards'

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

/** The fields' text as a search reads it, per deck block: folded once, kept until the block changes. */
interface BlockTexts {
  plain: string[]
  noMarks?: string[]
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
  private last: { blocks: DeckBlock[]; positions: Int32Array } = { blocks: [], positions: new Int32Array(0) }

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
    await pause()
    for (const block of (await opening).blocks()) {
      if (this.snapshot !== opening) return
      this.textsOf(block, false)
      await pause()
    }
  }

  async search({ query, deckFilter, sort, view }: SearchRequest): Promise<SearchAnswer> {
    const parsed = parseSearch(query)
    if (!parsed.ok) return { ok: false, message: parsed.error, position: parsed.position }
    const snapshot = await this.ready()
    const rated = await this.ratedSets(parsed.ast, view)
    const needs = textNeeds(parsed.ast)
    const card = new ColumnCard()
    let texts: BlockTexts | undefined
    const ctx: SearchContext<ColumnCard> = {
      now: view.now,
      dayStart: view.dayStart,
      dayStartsAtHour: view.dayStartsAtHour,
      retrievability: (c) => retrievabilityAt(c, view.now, view.weights[c.deckId]),
      ratedSince: (key, days) => rated.get(days)?.has(key) ?? false,
      deckName: (id) => view.deckNames[id],
      textOf: (c) => textAt(c.columns, c.i, texts!)
    }
    const matches = compileSearch<ColumnCard>(parsed.ast)
    const blocks: DeckBlock[] = []
    const found: number[] = []
    const from: number[] = []
    for (const block of snapshot.blocks()) {
      const { columns } = block
      if (deckFilter && columns.deckId !== deckFilter) continue
      texts = needs.text ? this.textsOf(block, needs.marks) : undefined
      const b = blocks.push(block) - 1
      for (let i = 0; i < columns.ids.length; i++) {
        if (columns.queue[i] === Queue.Removed || !matches(card.at(columns, i), ctx)) continue
        found.push(i)
        from.push(b)
      }
    }
    const order = sortOrder(found.length, (k) => card.at(blocks[from[k]!]!.columns, found[k]!), sort.column, sort.descending, {
      deckName: (id) => view.deckNames[id],
      retrievability: ctx.retrievability
    })
    const positions = new Int32Array(order.length)
    const sorted = new Array<DeckBlock>(order.length)
    const ids = new Array<string>(order.length)
    order.forEach((k, n) => {
      positions[n] = found[k]!
      sorted[n] = blocks[from[k]!]!
      ids[n] = sorted[n].columns.ids[found[k]!]!
    })
    this.last = { blocks: sorted, positions }
    const list = IdList.of(ids)
    return { ok: true, ids: { text: list.text, starts: list.starts } }
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
      const { blocks, positions } = this.last
      for (let n = 0; n < positions.length; n++) {
        const columns = blocks[n]!.columns
        if (except.has(columns.ids[positions[n]!]!)) continue
        count++
        if (columns.queue[positions[n]!] === Queue.Suspended) suspended++
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
      const { question, answer, extra } = block.columns
      const plain = new Array<string>(question.length * 3)
      for (let i = 0; i < question.length; i++) {
        const text = searchTextOf(question[i]!, answer[i]!, extra[i])
        plain[3 * i] = text.plain[0]!
        plain[3 * i + 1] = text.plain[1]!
        plain[3 * i + 2] = text.plain[2]!
      }
      texts = { plain }
      this.texts.set(block, texts)
    }
    if (marks && !texts.noMarks) {
      const { question, answer, extra } = block.columns
      texts.noMarks = new Array<string>(question.length * 3)
      for (let i = 0; i < question.length; i++) {
        texts.noMarks[3 * i] = markFold(question[i]!)
        texts.noMarks[3 * i + 1] = markFold(answer[i]!)
        texts.noMarks[3 * i + 2] = markFold(extra[i]!)
      }
    }
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

function textAt(columns: DeckColumns, i: number, texts: BlockTexts): SearchText {
  const text: SearchText = {
    typed: [columns.question[i]!, columns.answer[i]!, columns.extra[i]!],
    plain: [texts.plain[3 * i]!, texts.plain[3 * i + 1]!, texts.plain[3 * i + 2]!]
  }
  if (texts.noMarks) text.noMarks = [texts.noMarks[3 * i]!, texts.noMarks[3 * i + 1]!, texts.noMarks[3 * i + 2]!]
  return text
}

/** Every `rated:N` in a search, so their sets are read before the predicate runs. */
function ratedDays(node: SearchNode): number[] {
  switch (node.kind) {
    case 'rated':
      return [node.days]
    case 'and':
    case 'or':
      return node.children.flatMap(ratedDays)
    case 'not':
      return ratedDays(node.child)
    default:
      return []
  }
}

/** Whether a search reads the cards' text, and their text without accents (`nc:`). */
function textNeeds(node: SearchNode): { text: boolean; marks: boolean } {
  switch (node.kind) {
    case 'text':
    case 'word':
    case 'regex':
      return { text: true, marks: false }
    case 'nc':
      return { text: true, marks: true }
    case 'and':
    case 'or': {
      const parts = node.children.map(textNeeds)
      return { text: parts.some((p) => p.text), marks: parts.some((p) => p.marks) }
    }
    case 'not':
      return textNeeds(node.child)
    default:
      return { text: false, marks: false }
  }
}
