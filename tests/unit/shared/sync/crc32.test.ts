import { crc32 } from 'node:zlib'
import { crc32Hex, crc32Stream } from '@shared/sync/crc32'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/** Node's own CRC-32 (zlib's C code) over the text's UTF-8, as hex: an oracle independent of ours. */
const zlibHex = (text: string) => crc32(Buffer.from(text, 'utf8')).toString(16).padStart(8, '0')

/** Texts as files hold them: ASCII, accents, CJK, emoji (two code units), and lone surrogates (written as U+FFFD). */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('SageMaker', '✓', '日本語', '\u{1F600}', '\uD83D', '\uDE00', '\n', '\t'),
  fc.string({ unit: 'grapheme', maxLength: 10 })
)
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''))

describe('CRC-32', () => {
  it('equals zlib on any text, whole or fed in pieces cut anywhere', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 4 }), (value, cuts) => {
        expect(crc32Hex(value)).toBe(zlibHex(value))
        // Cut between code units: each piece is a text of its own, as the checksummed file's pieces are.
        const at = [...new Set(cuts.map((c) => c % (value.length + 1)))].sort((a, b) => a - b)
        const crc = crc32Stream()
        let from = 0
        for (const cut of at) {
          crc.add(value.slice(from, cut))
          from = cut
        }
        crc.add(value.slice(from))
        const expected = crc32(
          Buffer.concat([...at, value.length].map((cut, i) => Buffer.from(value.slice(i === 0 ? 0 : at[i - 1], cut), 'utf8')))
        )
        expect(crc.hex()).toBe(expected.toString(16).padStart(8, '0'))
      }),
      { numRuns: 500 }
    )
  })

  it('equals zlib on texts of megabytes, with a character outside the BMP across every inner boundary of its encoding', () => {
    // 65,536 code units a step inside: an emoji straddling a step, a multi-byte run filling one.
    for (const lead of [65_535, 65_536, 65_537, 131_071]) {
      const value = 'a'.repeat(lead) + '\u{1F600}' + '日'.repeat(70_000) + 'é'.repeat(3) + '\uD83D'
      expect(crc32Hex(value)).toBe(zlibHex(value))
    }
    const big = 'Amazon Bedrock — ✓ '.repeat(200_000)
    expect(crc32Hex(big)).toBe(zlibHex(big))
  })
})
