/** Texts written since the column was packed make it pack again once they are this share of it. */
const REPACK_SHARE = 8

/** A column as the cache stores it: the texts one after another, and each one's length. */
export interface PackedTexts {
  text: string
  lengths: Int32Array
}

/**
 * Many texts as one string, with where each starts. 100,000 cards' three fields as 300,000
 * strings cost a header and an array slot each (~6 MB of the JS heap beyond their characters) and
 * took the worker a split of the cache's one long string at every opening; here the cache's
 * string is kept as it is read and a text is sliced from it when a search reads it. Texts written
 * after packing are held apart until there are enough of them to pack again.
 */
export class TextColumn {
  private constructor(
    private text: string,
    /** length + 1 offsets into `text`: text k is [starts[k], starts[k + 1]). */
    private starts: Int32Array,
    /** Texts written since packing, by index. */
    private readonly apart: Map<number, string>,
    readonly length: number
  ) {}

  static empty(length: number): TextColumn {
    return new TextColumn('', new Int32Array(length + 1), new Map(), length)
  }

  static of(texts: readonly string[]): TextColumn {
    const starts = new Int32Array(texts.length + 1)
    for (let k = 0; k < texts.length; k++) starts[k + 1] = starts[k]! + texts[k]!.length
    return new TextColumn(texts.join(''), starts, new Map(), texts.length)
  }

  /** A column from what `packed` gave, or undefined if it is not that for `length` texts (a cache another version wrote). */
  static fromPacked({ text, lengths }: Partial<PackedTexts>, length: number): TextColumn | undefined {
    if (typeof text !== 'string' || !(lengths instanceof Int32Array) || lengths.length !== length) return undefined
    const starts = new Int32Array(length + 1)
    for (let k = 0; k < length; k++) starts[k + 1] = starts[k]! + lengths[k]!
    return starts[length] === text.length ? new TextColumn(text, starts, new Map(), length) : undefined
  }

  get(k: number): string {
    if (this.apart.size) {
      const apart = this.apart.get(k)
      if (apart !== undefined) return apart
    }
    return this.text.slice(this.starts[k], this.starts[k + 1])
  }

  set(k: number, text: string): void {
    this.apart.set(k, text)
    if (this.apart.size > 64 + this.length / REPACK_SHARE) this.repack()
  }

  /** The texts and their lengths (packed again first if texts were written since), for storing. */
  packed(): PackedTexts {
    if (this.apart.size) this.repack()
    return { text: this.text, lengths: this.starts.subarray(1).map((end, k) => end - this.starts[k]!) }
  }

  /** The same texts with room for `length`: the first ones kept, the rest empty. */
  resized(length: number): TextColumn {
    const keep = Math.min(length, this.length)
    const starts = new Int32Array(length + 1)
    starts.set(this.starts.subarray(0, keep + 1))
    starts.fill(this.starts[keep]!, keep + 1)
    const apart = new Map([...this.apart].filter(([k]) => k < keep))
    return new TextColumn(this.text, starts, apart, length)
  }

  /** The texts at these indexes, in this order, as a new column. */
  select(indexes: readonly number[]): TextColumn {
    return TextColumn.of(indexes.map((k) => this.get(k)))
  }

  private repack(): void {
    const { text, starts } = TextColumn.of(Array.from({ length: this.length }, (_, k) => this.get(k)))
    this.apart.clear()
    this.text = text
    this.starts = starts
  }
}
