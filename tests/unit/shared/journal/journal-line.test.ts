import { decodeLine, encodeLine } from '@shared/journal/journal-format'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** Values as the journal and sync write them: plain JSON, with bytes (media) and Maps somewhere inside, or not. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('costs $5', '$bytes', '\\u0024', 'a\u2028b'),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 8 })
  ),
  map: fc.array(fc.tuple(fc.string({ maxLength: 5 }), tie('node')), { maxLength: 3 }).map((entries) => new Map(entries)),
  // An object whose only key is `$bytes` or `$map` is the format's own tag, which no value written holds.
  object: fc
    .dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('$bytes', '$map', '$')), tie('node'), { maxKeys: 4 })
    .map((o) => (Object.keys(o).length === 1 && ('$bytes' in o || '$map' in o) ? { ...o, also: 1 } : o)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('object'), fc.array(tie('node'), { maxLength: 4 }), tie('map'))
})).node

describe('journal and sync lines', () => {
  it('read back what was written: bytes and Maps inside, `$` in keys and texts, or neither', () => {
    fc.assert(
      fc.property(value, (v) => {
        const line = encodeLine(v)
        expect(line.endsWith('\n')).toBe(true)
        expect(decodeLine(line.slice(0, -1))).toEqual(v)
      }),
      { numRuns: 1_000 }
    )
  })

  it('write bytes and Maps tagged, and everything else as plain JSON', () => {
    const tagged = encodeLine({ image: new Uint8Array([1, 2, 255]), fields: new Map([['front', 'S3']]), n: 1 })
    expect(tagged.split('\t')[0]).toBe('{"image":{"$bytes":"AQL/"},"fields":{"$map":[["front","S3"]]},"n":1}')
    expect(encodeLine({ k: 'review', rating: 3 }).split('\t')[0]).toBe('{"k":"review","rating":3}')
  })

  it('read a tag whether its `$` is written plainly or escaped, as any JSON reader would', () => {
    const plain = '{"a":{"$bytes":"AQI="}}'
    const escaped = '{"a":{"\\u0024bytes":"AQI="}}'
    const hashOf = (json: string) =>
      encodeLine(JSON.parse(json) as unknown)
        .split('\t')[1]!
        .trim()
    // The hash is over the line's own JSON, so each line is hashed as written.
    const line = (json: string) => `${json}\t${fnv(json)}`
    expect(decodeLine(line(plain))).toEqual({ a: new Uint8Array([1, 2]) })
    expect(decodeLine(line(escaped))).toEqual({ a: new Uint8Array([1, 2]) })
    expect(hashOf('{"x":1}')).toBe(fnv('{"x":1}'))
  })

  it('refuse a line whose hash does not match, or whose JSON does not parse', () => {
    const line = encodeLine({ k: 'note', key: 'aws/s3' }).slice(0, -1)
    expect(decodeLine(line.replace('s3', 's4'))).toBeUndefined()
    expect(decodeLine(`{"k":\t${fnv('{"k":')}`)).toBeUndefined()
  })
})

/** FNV-1a over UTF-16 code units, as 8 hex digits (the format's line hash, written out here as the reference). */
function fnv(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16).padStart(8, '0')
}
