/**
 * A list of card keys in one string, each followed by a line break, and where each starts: what
 * the browser's worker sends for a search's results. 100,000 keys are one ~2 MB string and one
 * typed array, which cross from the worker as a copy of bytes and a transfer, instead of 100,000
 * strings for the page to rebuild; the page makes a key a string only when it shows or uses it.
 * Card keys hold no line break (`ID_PATTERN`).
 */
export class IdList {
  static readonly empty = new IdList('', new Int32Array([0]))

  private constructor(
    /** The keys, each followed by `\n`. */
    readonly text: string,
    /** Where key i starts in `text`; one more entry than keys, the last being `text.length`. */
    readonly starts: Int32Array
  ) {}

  static of(ids: readonly string[]): IdList {
    const starts = new Int32Array(ids.length + 1)
    for (let i = 0; i < ids.length; i++) starts[i + 1] = starts[i]! + ids[i]!.length + 1
    return new IdList(ids.length ? `${ids.join('\n')}\n` : '', starts)
  }

  /** The list again from the two parts it was sent as (a structured clone drops the class). */
  static from(parts: { text: string; starts: Int32Array }): IdList {
    return new IdList(parts.text, parts.starts)
  }

  get length(): number {
    return this.starts.length - 1
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined
    return this.text.slice(this.starts[index], this.starts[index + 1]! - 1)
  }

  /** Keys from `from` up to, not including, `to`. */
  slice(from: number, to = this.length): string[] {
    const start = Math.max(0, from)
    const end = Math.min(this.length, to)
    if (end <= start) return []
    return this.text.slice(this.starts[start], this.starts[end]! - 1).split('\n')
  }

  toArray(): string[] {
    return this.slice(0)
  }

  /** The position of a key, or -1: a search of the string, then of `starts` for where it was found. */
  indexOf(id: string): number {
    const needle = `${id}\n`
    for (let at = this.text.indexOf(needle); at >= 0; at = this.text.indexOf(needle, at + 1)) {
      if (at > 0 && this.text[at - 1] !== '\n') continue
      let low = 0
      let high = this.length - 1
      while (low <= high) {
        const mid = (low + high) >> 1
        const start = this.starts[mid]!
        if (start === at) return mid
        if (start < at) low = mid + 1
        else high = mid - 1
      }
    }
    return -1
  }

  /** A set of every key, for when many keys are looked up. */
  toSet(): Set<string> {
    return new Set(this.toArray())
  }
}
