/** Texts written since the column was packed make it pack again once they are this share of it. */
const REPACK_SHARE = 8

/**
 * A column as the cache stores it: the texts whose characters are all Latin-1 one after another in
 * `text`, the others in `wide`, and each one's length, negative for a text in `wide`.
 */
export interface PackedTexts {
  text: string
  wide?: string
  lengths: Int32Array
}

/** A character beyond Latin-1: V8 keeps a string with one of them two bytes a character, throughout. */
const WIDE = /[\u0100-\uffff]/

/** One of the column's two strings, with where each text starts in it (a text in the other string has no length here). */
interface Part {
  text: string
  /** length + 1 offsets into `text`: text k is [starts[k], starts[k + 1]). */
  starts: Int32Array
}

/**
 * Many texts as one string, with where each starts. 100,000 cards' three fields as 300,000
 * strings cost a header and an array slot each (~6 MB of the JS heap beyond their characters) and
 * took the worker a split of the cache's one long string at every opening; here the cache's
 * string is kept as it is read and a text is sliced from it when a search reads it. Texts written
 * after packing are held apart until there are enough of them to pack again.
 *
 * The texts with a character beyond Latin-1 (an arrow, a curly quote, CJK) are packed in a second
 * string: V8 stores a string two bytes a character as soon as one of its characters needs it, so
 * one such text among a deck's 30,000 would otherwise double the deck's whole string.
 */
export class TextColumn {
  private constructor(
    /** The texts of Latin-1 characters only (one byte a character). */
    private narrow: Part,
    /** The other texts; undefined when there are none. */
    private wide: Part | undefined,
    /** Texts written since packing, by index. */
    private readonly apart: Map<number, string>,
    readonly length: number
  ) {}

  /** Whether two texts' halves of a surrogate pair meet in the wide string, worked out at the first search. */
  private pairSplit: boolean | undefined

  static empty(length: number): TextColumn {
    return new TextColumn({ text: '', starts: new Int32Array(length + 1) }, undefined, new Map(), length)
  }

  static of(texts: readonly string[]): TextColumn {
    const narrow: string[] = []
    const wide: string[] = []
    const starts = new Int32Array(texts.length + 1)
    const wideStarts = new Int32Array(texts.length + 1)
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k]!
      const isWide = WIDE.test(text)
      ;(isWide ? wide : narrow).push(text)
      starts[k + 1] = starts[k]! + (isWide ? 0 : text.length)
      wideStarts[k + 1] = wideStarts[k]! + (isWide ? text.length : 0)
    }
    const widePart = wide.length ? { text: wide.join(''), starts: wideStarts } : undefined
    return new TextColumn({ text: narrow.join(''), starts }, widePart, new Map(), texts.length)
  }

  /** A column from what `packed` gave, or undefined if it is not that for `length` texts (a cache another version wrote). */
  static fromPacked({ text, wide = '', lengths }: Partial<PackedTexts>, length: number): TextColumn | undefined {
    if (typeof text !== 'string' || typeof wide !== 'string' || !(lengths instanceof Int32Array) || lengths.length !== length)
      return undefined
    const starts = new Int32Array(length + 1)
    const wideStarts = new Int32Array(length + 1)
    for (let k = 0; k < length; k++) {
      const n = lengths[k]!
      starts[k + 1] = starts[k]! + Math.max(n, 0)
      wideStarts[k + 1] = wideStarts[k]! - Math.min(n, 0)
    }
    if (starts[length] !== text.length || wideStarts[length] !== wide.length) return undefined
    return new TextColumn({ text, starts }, wide ? { text: wide, starts: wideStarts } : undefined, new Map(), length)
  }

  get(k: number): string {
    if (this.apart.size) {
      const apart = this.apart.get(k)
      if (apart !== undefined) return apart
    }
    const { wide } = this
    if (wide && wide.starts[k + 1]! > wide.starts[k]!) return wide.text.slice(wide.starts[k], wide.starts[k + 1])
    return this.narrow.text.slice(this.narrow.starts[k], this.narrow.starts[k + 1])
  }

  /** Writes text k; the text it already holds is left alone (a card read again after a grade keeps its texts, and the column stays packed). */
  set(k: number, text: string): void {
    if (this.get(k) === text) return
    this.apart.set(k, text)
    if (this.apart.size > 64 + this.length / REPACK_SHARE) this.repack()
  }

  /** The texts and their lengths (packed again first if texts were written since), for storing. */
  packed(): PackedTexts {
    if (this.apart.size) this.repack()
    const { narrow, wide } = this
    const lengths = new Int32Array(this.length)
    for (let k = 0; k < this.length; k++) {
      const wideLength = wide ? wide.starts[k + 1]! - wide.starts[k]! : 0
      lengths[k] = wideLength ? -wideLength : narrow.starts[k + 1]! - narrow.starts[k]!
    }
    return { text: narrow.text, wide: wide?.text ?? '', lengths }
  }

  /** The same texts with room for `length`: the first ones kept, the rest empty. */
  resized(length: number): TextColumn {
    const keep = Math.min(length, this.length)
    const part = ({ text, starts }: Part): Part => {
      const next = new Int32Array(length + 1)
      next.set(starts.subarray(0, keep + 1))
      next.fill(starts[keep]!, keep + 1)
      return { text, starts: next }
    }
    const apart = new Map([...this.apart].filter(([k]) => k < keep))
    return new TextColumn(part(this.narrow), this.wide && part(this.wide), apart, length)
  }

  /**
   * Marks `hits[g]` for each group g of `group` texts (a card's three fields) in which `re` (global)
   * matches within one text: each of the column's strings is searched once, a match running across
   * the end of a text is tried again from its next character, and a group with a hit is left at once.
   * Texts in `instead` are matched as given there, and texts written since packing as they now are.
   * Only for patterns whose matches from one place all have the same length (no `*`): a longer match
   * across the end of a text would hide a shorter one within it. False, with nothing marked, when
   * the strings cannot be searched whole: two texts' halves of a surrogate pair meet at an end.
   * With `only`, just the groups marked there are searched (an `and`'s later term, searched in the
   * cards its earlier one found): each run of them is one stretch of the strings.
   */
  markMatches(re: RegExp, hits: Uint8Array, group: number, instead?: ReadonlyMap<number, string>, only?: Uint8Array): boolean {
    const { length } = this
    // Only the wide string can hold surrogates.
    if ((this.pairSplit ??= this.wide !== undefined && splitsPair(this.wide))) return false
    const parts = this.wide ? [this.narrow, this.wide] : [this.narrow]
    const groups = Math.ceil(length / group)
    const textOf = (g: number) => Math.min(length, g * group)
    if (!only) for (const part of parts) this.markRun(part, re, hits, group, instead, 0, length)
    else if (runsOf(only, groups) * RUNS_PER_SEARCH > groups) {
      // Many short runs cost more, each started apart, than one search of the whole string.
      const all = new Uint8Array(hits.length)
      for (const part of parts) this.markRun(part, re, all, group, instead, 0, length)
      for (let g = 0; g < groups; g++) if (all[g] && only[g]) hits[g] = 1
    } else
      for (let g = 0; g < groups; g++) {
        if (!only[g]) continue
        const from = g
        while (g + 1 < groups && only[g + 1]) g++
        for (const part of parts) this.markRun(part, re, hits, group, instead, textOf(from), textOf(g + 1))
      }
    // A text given in `instead` is what it now reads as, whether or not it was written since.
    for (const texts of [this.apart, instead])
      for (const [k, value] of texts ?? []) {
        const g = (k / group) | 0
        if (k >= length || (only && !only[g]) || (texts !== instead && instead?.has(k))) continue
        re.lastIndex = 0
        if (re.test(value)) hits[g] = 1
      }
    re.lastIndex = 0
    return true
  }

  /**
   * `markMatches` in one of the strings over texts `from` up to, not including, `to`, a stretch of
   * whole groups: searched as its own string (a slice shares the column's characters), so a match
   * is never looked for past it. The texts kept in the other string have no length here.
   */
  private markRun(
    part: Part,
    re: RegExp,
    hits: Uint8Array,
    group: number,
    instead: ReadonlyMap<number, string> | undefined,
    from: number,
    to: number
  ) {
    const { starts } = part
    const base = starts[from]!
    if (starts[to] === base) return
    const apart = (k: number) => this.apart.has(k) || instead?.has(k) === true
    const text = base === 0 && starts[to] === part.text.length ? part.text : part.text.slice(base, starts[to])
    const end = (k: number) => starts[k + 1]! - base
    let k = from
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = m.index
      while (end(k) <= at) k++
      if (apart(k)) re.lastIndex = end(k)
      else if (at + m[0].length <= end(k) && m[0].length > 0) {
        const g = (k / group) | 0
        hits[g] = 1
        re.lastIndex = starts[Math.min(to, (g + 1) * group)]! - base
      } else re.lastIndex = at + (isPair(text, at) ? 2 : 1)
      if (re.lastIndex >= text.length) break
    }
  }

  /** The texts at these indexes, in this order, as a new column. */
  select(indexes: readonly number[]): TextColumn {
    return TextColumn.of(indexes.map((k) => this.get(k)))
  }

  private repack(): void {
    const { narrow, wide } = TextColumn.of(Array.from({ length: this.length }, (_, k) => this.get(k)))
    this.apart.clear()
    this.narrow = narrow
    this.wide = wide
    this.pairSplit = undefined
  }
}

/**
 * `markMatches` searches runs of groups apart while they are at most one in this many groups:
 * measured at 100,000 cards of short texts, runs of one group in twenty took 30 ms where the whole
 * string took 50; one in five took 95 ms where the whole string took 60.
 */
const RUNS_PER_SEARCH = 8

/** How many runs of marked groups `only` has among its first `groups`. */
function runsOf(only: Uint8Array, groups: number): number {
  let runs = 0
  for (let g = 0; g < groups; g++) if (only[g] && !only[g - 1]) runs++
  return runs
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff
const isPair = (text: string, at: number) => isHigh(text.charCodeAt(at)) && isLow(text.charCodeAt(at + 1))

/** Whether a text ends in a lone high surrogate and the next begins with a low one (searched whole, they would read as one character). */
function splitsPair({ text, starts }: Part): boolean {
  for (let k = 1; k < starts.length - 1; k++) {
    const at = starts[k]!
    if (at > 0 && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))) return true
  }
  return false
}
