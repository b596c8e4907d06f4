/**
 * The plain text an HTML field becomes, written piece by piece: spaces collapse as HTML collapses
 * them, at most one blank line is kept, and no line ends in spaces.
 */

// Words, then HTML whitespace (collapsed), then a source line break, then other control characters (dropped).
// eslint-disable-next-line no-control-regex -- control characters are what this pattern drops
const RUNS = /([^ \t\n\r\f\u00a0\x00-\x1f\x7f]+)|([ \t\r\f\u00a0]+)|(\n)|[\x00-\x08\x0b\x0e-\x1f\x7f]+/g

/** Collapses spaces as HTML does, keeps at most one blank line, never leaves trailing spaces. */
export class TextWriter {
  private parts: string[] = []
  private lineHasText = false
  private pendingSpace = false
  private newlines = 0
  private atMarker = false

  text(s: string): void {
    const c = s.charCodeAt(0)
    if (s.length === 1 && c > 0x20 && c !== 0x7f && c !== 0xa0) return this.word(s) // the common single character
    RUNS.lastIndex = 0
    for (let m = RUNS.exec(s); m; m = RUNS.exec(s)) {
      if (m[1] !== undefined) this.word(m[1])
      else if (m[2] !== undefined) this.space()
      else if (m[3] !== undefined) this.lineBreak(false)
    }
  }

  private word(w: string): void {
    if (this.pendingSpace) this.parts.push(' ')
    this.parts.push(w)
    this.pendingSpace = false
    this.lineHasText = true
    this.atMarker = false
    this.newlines = 0
  }

  space(): void {
    this.pendingSpace = this.lineHasText && !this.atMarker
  }

  /** `<br>` always breaks (two in a row make a blank line); blocks break only a non-empty line. */
  lineBreak(always: boolean): void {
    this.pendingSpace = false
    if (this.atMarker) {
      this.parts.pop() // an empty list item leaves no bare "- "
      this.atMarker = false
      this.lineHasText = false
    }
    if (this.parts.length === 0 || this.newlines >= 2 || (!always && !this.lineHasText)) return
    this.parts.push('\n')
    this.newlines++
    this.lineHasText = false
    this.atMarker = false
  }

  paragraph(): void {
    this.lineBreak(false)
    if (this.newlines === 1) this.lineBreak(true)
  }

  marker(s: string): void {
    this.parts.push(s)
    this.lineHasText = true
    this.pendingSpace = false
    this.atMarker = true
    this.newlines = 0
  }

  done(): string {
    // A "<" left in the text (from &lt; or a stray bracket next to a dropped tag) must never
    // open a tag again: escaped, the card's Markdown shows it as the "<" it is.
    return this.parts
      .join('')
      .trimEnd()
      .replace(/\\*<(?=[a-zA-Z/!?])/g, (run) => (run.length % 2 === 1 ? `\\${run}` : run))
  }
}
