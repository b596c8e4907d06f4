import { TextColumn } from '@core/search/text-column'
import { describe, expect, it } from 'vitest'

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

  it('packs again once many texts were written apart, and reads the same', () => {
    const texts = Array.from({ length: 1000 }, (_, k) => `text ${k}`)
    const column = TextColumn.of(texts)
    for (let k = 0; k < 500; k++) column.set(k, `new ${k}`)
    expect(all(column)).toEqual([...texts.slice(0, 500).map((_, k) => `new ${k}`), ...texts.slice(500)])
    const { text } = column.packed()
    expect(text).toBe([...texts.slice(0, 500).map((_, k) => `new ${k}`), ...texts.slice(500)].join(''))
  })
})
