import { TextColumn } from '@core/search/text-column'
import { describe, expect, it, vi } from 'vitest'

const TEXTS = ['', 'plain', 'Ünïcode “quotes”', '東京', 'emoji 👩‍🚀 crew', 'lone \ud83e half', 'tail\u0000nul', '<b>html</b>\nline']
const all = (column: TextColumn) => Array.from({ length: column.length }, (_, k) => column.get(k))

describe('texts packed in one buffer', () => {
  it('read back every text as written, whatever its characters, after storing', () => {
    const column = TextColumn.of(TEXTS)
    expect(all(column)).toEqual(TEXTS)
    const stored = structuredClone(column.packed())
    expect(all(TextColumn.fromPacked(stored, TEXTS.length)!)).toEqual(TEXTS)
    // Stored for another number of texts, or not a stored column at all, it is not taken.
    expect(TextColumn.fromPacked(stored, TEXTS.length + 1)).toBeUndefined()
    expect(TextColumn.fromPacked({ ...stored, text: `${stored.text}x` }, TEXTS.length)).toBeUndefined()
    expect(TextColumn.fromPacked({ text: 'ab' }, 2)).toBeUndefined()
  })

  it('take texts written after packing, grow, shrink and select, keeping every text in its place', () => {
    const column = TextColumn.of(TEXTS)
    column.set(1, 'changed')
    expect(column.get(1)).toBe('changed')
    expect(column.get(2)).toBe('Ünïcode “quotes”')
    const grown = column.resized(TEXTS.length + 2)
    grown.set(TEXTS.length, 'added')
    expect(all(grown)).toEqual([TEXTS[0], 'changed', ...TEXTS.slice(2), 'added', ''])
    expect(all(grown.resized(3))).toEqual(['', 'changed', 'Ünïcode “quotes”'])
    expect(all(grown.select([4, 1, 5]))).toEqual(['emoji 👩‍🚀 crew', 'changed', 'lone \ud83e half'])
    // Packing again for storage carries what was written since.
    expect(all(TextColumn.fromPacked(structuredClone(grown.packed()), grown.length)!)).toEqual(all(grown))
  })

  it('leaves the column packed when a text is written again as it is (a card read again after a grade)', () => {
    const column = TextColumn.of(TEXTS)
    const repack = vi.spyOn(TextColumn.prototype as unknown as { repack: () => void }, 'repack')
    try {
      TEXTS.forEach((text, k) => column.set(k, `${text}`))
      column.packed()
      expect(repack).not.toHaveBeenCalled()
      column.set(3, 'changed')
      column.set(3, TEXTS[3]!)
      expect(all(column)).toEqual(TEXTS)
      column.packed()
      expect(repack).toHaveBeenCalledTimes(1)
    } finally {
      repack.mockRestore()
    }
  })

  it('packs again once many texts were written apart, and reads the same', () => {
    const texts = Array.from({ length: 1000 }, (_, k) => `text ${k}`)
    const column = TextColumn.of(texts)
    for (let k = 0; k < 500; k++) column.set(k, `new ${k}`)
    expect(all(column)).toEqual([...texts.slice(0, 500).map((_, k) => `new ${k}`), ...texts.slice(500)])
    const { text } = column.packed()
    expect(text).toBe([...texts.slice(0, 500).map((_, k) => `new ${k}`), ...texts.slice(500)].join(''))
  })
})

describe('texts beyond Latin-1 kept apart', () => {
  // Latin-1 texts (ASCII, accents, a no-break space, ÿ) between texts with one character beyond it.
  const MIXED = ['ab', 'x → y', 'cd', 'ÿé\u00a0', '', '“q”', 'ef', '東', 'gh\n', 'Ab']
  const hitsOf = (column: TextColumn, re: RegExp, only?: Uint8Array) => {
    const hits = new Uint8Array(column.length)
    expect(column.markMatches(re, hits, 1, undefined, only)).toBe(true)
    return [...hits]
  }

  it('reads every text back in its place, and stores the Latin-1 ones in a string of their own', () => {
    const column = TextColumn.of(MIXED)
    expect(all(column)).toEqual(MIXED)
    const stored = column.packed()
    // One character beyond Latin-1 in the Latin-1 string would make V8 keep all of it two bytes a character.
    expect(stored.text).toBe('abcdÿé\u00a0efgh\nAb')
    expect(stored.wide).toBe('x → y“q”東')
    expect(all(TextColumn.fromPacked(structuredClone(stored), MIXED.length)!)).toEqual(MIXED)
    expect(all(column.resized(4))).toEqual(MIXED.slice(0, 4))
    expect(all(column.resized(12))).toEqual([...MIXED, '', ''])
    expect(all(column.select([7, 0, 1]))).toEqual(['東', 'ab', 'x → y'])
    // A wide string that does not add up to the wide texts' lengths is not taken.
    expect(TextColumn.fromPacked({ ...stored, wide: `${stored.wide}x` }, MIXED.length)).toBeUndefined()
    // A cache written before the split (every text in one string) still reads.
    const before = { text: MIXED.join(''), lengths: Int32Array.from(MIXED, (t) => t.length) }
    expect(all(TextColumn.fromPacked(before, MIXED.length)!)).toEqual(MIXED)
  })

  it('finds a match only within one text, never across texts that meet once the others are taken out', () => {
    const column = TextColumn.of(MIXED)
    // 'b' + 'c' meet in the Latin-1 string ("abcd"), 'y' + '“' in the wide one.
    expect(hitsOf(column, /bc/giu)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(hitsOf(column, /y“/giu)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(hitsOf(column, /b/giu)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(hitsOf(column, /y/giu)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(hitsOf(column, /ÿÉ/giu)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0])
    expect(hitsOf(column, /[”東]/giu)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 0, 0])
    expect(hitsOf(column, /./giu)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 1])
    // In some texts only: the wide and the Latin-1 texts of each run, none outside it.
    expect(hitsOf(column, /./giu, Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 1, 0, 0]))).toEqual([0, 1, 1, 0, 0, 0, 0, 1, 0, 0])
    const read = TextColumn.fromPacked(structuredClone(column.packed()), MIXED.length)!
    expect(hitsOf(read, /d|→|東/giu)).toEqual([0, 1, 1, 0, 0, 0, 0, 1, 0, 0])
  })

  it('moves a text between the two strings when it is written again', () => {
    const column = TextColumn.of(MIXED)
    column.set(0, 'a → b')
    column.set(1, 'plain')
    const texts = ['a → b', 'plain', ...MIXED.slice(2)]
    expect(all(column)).toEqual(texts)
    expect(hitsOf(column, /→/giu)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    const stored = column.packed()
    expect(stored.wide).toBe('a → b“q”東')
    expect(all(TextColumn.fromPacked(stored, texts.length)!)).toEqual(texts)
    expect(hitsOf(column, /pl|→/giu)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
  })
})

describe('a column searched whole', () => {
  // Few letters, so that matches often run across the end of one text into the next; case pairs
  // (k and the Kelvin sign), a combining accent, an astral letter pair and a line break.
  const LETTERS = ['a', 'A', 'b', 'k', '\u212a', '\u0301', ' ', '\n', '\u{10400}', '\u{10428}']
  let seed = 7
  const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n)
  const text = (length: number) => Array.from({ length }, () => LETTERS[random(LETTERS.length)]).join('')
  const PATTERNS = ['a', 'ab', 'aab', 'ba', 'k', 'K a', 'b\nb', '\u{10400}a', 'a.b', 'a.', 'bbb']

  it('finds, for each group of texts, whether a pattern matches within one of them, as each text tested alone does', () => {
    for (let round = 0; round < 40; round++) {
      const texts = Array.from({ length: 3 * 20 }, () => text(random(6)))
      const column = TextColumn.of(texts)
      // Some texts written since packing, and some matched as others give them.
      for (let n = 0; n < 5; n++) {
        const k = random(texts.length)
        texts[k] = text(random(5))
        column.set(k, texts[k])
      }
      const instead = new Map<number, string>()
      for (let n = 0; n < 5; n++) instead.set(random(texts.length), text(random(5)))
      for (const pattern of PATTERNS) {
        const source = pattern.replace('.', '\\.').replace('a\\.', 'a.')
        const one = new RegExp(source, 'iu')
        const expected = Array.from({ length: 20 }, (_, g) =>
          [0, 1, 2].some((f) => one.test(instead.get(3 * g + f) ?? texts[3 * g + f]!)) ? 1 : 0
        )
        const hits = new Uint8Array(20)
        expect(column.markMatches(new RegExp(source, 'giu'), hits, 3, instead), pattern).toBe(true)
        expect([...hits], `${pattern} in ${JSON.stringify(texts)}`).toEqual(expected)
        // Searched only in some groups, it finds there what it found whole, and nothing elsewhere:
        // many short runs (searched whole, then kept to them) or one run (searched alone).
        const start = random(20)
        const span = 1 + random(8)
        for (const only of [
          Uint8Array.from({ length: 20 }, () => (random(3) ? 1 : 0)),
          Uint8Array.from({ length: 20 }, (_, g) => (g >= start && g < start + span ? 1 : 0))
        ]) {
          const within = new Uint8Array(20)
          expect(column.markMatches(new RegExp(source, 'giu'), within, 3, instead, only), pattern).toBe(true)
          expect([...within], `${pattern} in ${JSON.stringify(texts)}, only ${only.join('')}`).toEqual(
            expected.map((hit, g) => hit & only[g]!)
          )
        }
      }
    }
  })

  it('declines when two texts hold the halves of one surrogate pair either side of their end', () => {
    const column = TextColumn.of(['x \ud801', '\udc00 y', 'z'])
    const hits = new Uint8Array(3)
    expect(column.markMatches(/ /giu, hits, 1)).toBe(false)
    expect([...hits]).toEqual([0, 0, 0])
    expect(TextColumn.of(['x \ud801', 'y \udc00', 'z']).markMatches(/ /giu, hits, 1)).toBe(true)
    expect([...hits]).toEqual([1, 1, 0])
  })
})
