import { readPackageMedia, unzipPackage, unzstdBounded, type PackageMediaFile } from '@shared/deck/apkg-media'
import { zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  encodeMediaEntries,
  legacyMedia,
  META_LATEST,
  modernMedia,
  packApkg,
  zstdCompress,
  zstdRawFrame,
  type FixtureMedia
} from '../../../fixtures/import/make-apkg'

/** Deterministic bytes that zstd cannot shrink to nothing. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  let state = seed
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    out[i] = state >>> 24
  }
  return out
}

function withHeader(header: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + body.length)
  out.set(header)
  out.set(body, header.length)
  return out
}

const PNG = new Uint8Array(readFileSync('resources/icon.png')) // 33 248 bytes
const JPEG = withHeader([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00], noise(40_000, 1))
const MP3 = withHeader([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb], noise(50_000, 2))
const SMALL_PNG = PNG.slice(0, 2_000)
const FILES: FixtureMedia[] = [
  { name: 'rekognition-console.png', bytes: PNG },
  { name: 'photo.jpg', bytes: JPEG },
  { name: 'lex-demo.mp3', bytes: MP3 },
  { name: 'Diagramm ü.png', bytes: SMALL_PNG }
]
const ROOMY = { maxFileBytes: 10 * 1024 * 1024, cap: 50 * 1024 * 1024 }
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd]

// Files compare by name, length and SHA-1: exact, and far quicker than comparing typed arrays element by element.
const digest = (bytes: Uint8Array | string | undefined) =>
  bytes instanceof Uint8Array ? createHash('sha1').update(bytes).digest('hex') : bytes
const summary = (files: PackageMediaFile[]) => files.map(({ name, bytes }) => ({ name, length: bytes.length, sha1: digest(bytes) }))
const read = (unzipped: Record<string, Uint8Array>, limits: { maxFileBytes: number; cap: number }) => {
  const { media, problems } = readPackageMedia(unzipped, limits)
  return { media: summary(media), problems }
}
const unzip = (files: Record<string, Uint8Array>) => unzipOf(packApkg(files))
const unzipOf = (zip: Uint8Array): Record<string, Uint8Array> => {
  const unzipped = unzipPackage(zip, 200 * 1024 * 1024)
  if (typeof unzipped === 'string') throw new Error(unzipped)
  return unzipped
}
const legacyPackage = (files = FILES) => unzip({ 'collection.anki2': new Uint8Array([1, 2, 3]), ...legacyMedia(files) })
// zstd runs as a process per file: each modern package is built once, and unzipped afresh for each test.
const built = new Map<FixtureMedia[], Uint8Array>()
const modernPackage = (files = FILES) => {
  if (!built.has(files))
    built.set(files, packApkg({ meta: META_LATEST, 'collection.anki21b': zstdCompress(new Uint8Array(10)), ...modernMedia(files) }))
  return unzipOf(built.get(files)!)
}
const blockHeader = (last: boolean, type: number, size: number) => {
  const header = (last ? 1 : 0) | (type << 1) | (size << 3)
  return [header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]
}

describe('readPackageMedia: packages Anki writes', () => {
  it('reads the media of a legacy package (JSON list, files stored as they are) byte for byte', () => {
    const unzipped = legacyPackage()
    expect(digest(unzipped['1'])).toBe(digest(JPEG)) // stored as-is
    expect(read(unzipped, ROOMY)).toEqual({ media: summary(FILES), problems: [] })
  })

  it('reads the media of an Anki 2.1.50+ package (zstd protobuf list, zstd files) byte for byte', () => {
    const unzipped = modernPackage()
    expect([...unzipped['1']!.subarray(0, 4)]).toEqual(ZSTD_MAGIC) // compressed in the zip
    const { media, problems } = readPackageMedia(unzipped, ROOMY)
    expect(problems).toEqual([])
    expect(media.map((file) => file.name)).toEqual(['rekognition-console.png', 'photo.jpg', 'lex-demo.mp3', 'Diagramm ü.png'])
    expect(summary(media)).toEqual(summary(FILES))
  })

  it('reads a legacy package whose meta says version 2, as Anki writes with "support older Anki versions"', () => {
    const unzipped = unzip({ meta: Uint8Array.from([0x08, 0x02]), ...legacyMedia(FILES) })
    expect(read(unzipped, ROOMY)).toEqual({ media: summary(FILES), problems: [] })
  })

  it('returns names exactly as given, without normalising them', () => {
    const decomposed = [{ name: 'Diagramm u\u0308.png', bytes: SMALL_PNG }]
    expect(readPackageMedia(modernPackage(decomposed), ROOMY).media[0]?.name).toBe('Diagramm u\u0308.png')
    expect(readPackageMedia(legacyPackage(decomposed), ROOMY).media[0]?.name).toBe('Diagramm u\u0308.png')
  })

  it('finds a file under its legacy_zip_filename rather than its position in the list', () => {
    const swapped: FixtureMedia[] = [
      { name: 'photo.jpg', bytes: JPEG, legacyZipFilename: 1 },
      { name: 'lex-demo.mp3', bytes: MP3, legacyZipFilename: 0 },
      { name: 'Diagramm ü.png', bytes: SMALL_PNG, legacyZipFilename: 7 }
    ]
    const unzipped = modernPackage(swapped)
    expect(Object.keys(unzipped).filter((name) => /^\d+$/.test(name))).toEqual(['0', '1', '7'])
    expect(read(unzipped, ROOMY)).toEqual({ media: summary(swapped), problems: [] })
  })

  it('has no media and no problem when the package has no media list', () => {
    expect(read(unzip({ meta: META_LATEST, 'collection.anki21b': zstdCompress(new Uint8Array(10)) }), ROOMY)).toEqual({
      media: [],
      problems: []
    })
    expect(readPackageMedia(unzip({ ...modernMedia([]), meta: META_LATEST }), ROOMY)).toEqual({ media: [], problems: [] })
  })
})

describe('readPackageMedia: damaged and oversized media', () => {
  it('names a file missing from the zip and returns the others', () => {
    for (const unzipped of [modernPackage(), legacyPackage()]) {
      delete unzipped['1']
      expect(read(unzipped, ROOMY)).toEqual({
        media: summary([FILES[0]!, FILES[2]!, FILES[3]!]),
        problems: ['media "photo.jpg" is missing from the package']
      })
    }
  })

  it('names a file whose zstd compression is damaged', () => {
    const unzipped = modernPackage()
    unzipped['2'] = unzipped['2']!.slice(0, 100)
    expect(read(unzipped, ROOMY)).toEqual({
      media: summary([FILES[0]!, FILES[1]!, FILES[3]!]),
      problems: ['media "lex-demo.mp3" cannot be read: its zstd compression is damaged']
    })
  })

  it('refuses a file larger than maxFileBytes, without throwing', () => {
    const limits = { maxFileBytes: 35_000, cap: ROOMY.cap }
    const problems = [
      'media "photo.jpg" is larger than 0.1 MB; it was not imported',
      'media "lex-demo.mp3" is larger than 0.1 MB; it was not imported'
    ]
    for (const unzipped of [modernPackage(), legacyPackage()]) {
      expect(read(unzipped, limits)).toEqual({ media: summary([FILES[0]!, FILES[3]!]), problems })
    }
  })

  it('stops a zstd bomb at maxFileBytes: a declared size, or output beyond the limit', () => {
    const rle = [...ZSTD_MAGIC, 0x00, 7 << 3] // 128 KiB window, no declared size
    for (let i = 0; i < 512; i++) rle.push(...blockHeader(i === 511, 1, 128 * 1024), 0x41) // 64 MiB of "A"
    const unzipped = modernPackage()
    unzipped['0'] = Uint8Array.from(rle)
    unzipped['3'] = zstdRawFrame(new Uint8Array(3 * 1024 * 1024)) // declares its 3 MiB
    const limits = { maxFileBytes: 1024 * 1024, cap: ROOMY.cap }
    expect(read(unzipped, limits)).toEqual({
      media: summary([FILES[1]!, FILES[2]!]),
      problems: [
        'media "rekognition-console.png" is larger than 1 MB; it was not imported',
        'media "Diagramm ü.png" is larger than 1 MB; it was not imported'
      ]
    })
  })

  it('refuses the files that would take the total over the cap, and keeps those that fit', () => {
    const limits = { maxFileBytes: ROOMY.maxFileBytes, cap: 60_000 }
    const problems = [
      `media "photo.jpg" was not imported: the package's media adds up to more than 0.1 MB`,
      `media "lex-demo.mp3" was not imported: the package's media adds up to more than 0.1 MB`
    ]
    expect(read(modernPackage(), limits)).toEqual({ media: summary([FILES[0]!, FILES[3]!]), problems })
    expect(read(legacyPackage(), limits)).toEqual({ media: summary([FILES[0]!, FILES[3]!]), problems })
  })

  it('gives one problem for a media list it cannot read', () => {
    const modern = modernPackage()
    const legacy = legacyPackage()
    const cases: Array<[Record<string, Uint8Array>, string]> = [
      [{ ...modern, media: zstdCompress(Uint8Array.from([0x0a, 0x7f, 0x01])) }, 'it is not a valid list of media entries'],
      [{ ...modern, media: zstdCompress(Uint8Array.from([0x0b, 0x01])) }, 'it is not a valid list of media entries'], // wire type 3
      [{ ...modern, media: zstdCompress(Uint8Array.from([0x0a, 0x03, 0x0a, 0x01, 0xff])) }, 'it is not a valid list of media entries'], // name not UTF-8
      [{ ...modern, media: new TextEncoder().encode('{"0": "a.png"}') }, 'its zstd compression is damaged'],
      [{ ...legacy, media: new TextEncoder().encode('{"0": "a.png"') }, 'it is not JSON'],
      [{ ...legacy, media: new TextEncoder().encode('["a.png"]') }, 'it is not a map of file names'],
      [{ ...legacy, media: new TextEncoder().encode('{"0": 1}') }, 'it is not a map of file names'],
      [{ ...legacy, media: modern.media! }, 'it is not JSON']
    ]
    for (const [unzipped, why] of cases) {
      expect(read(unzipped, ROOMY)).toEqual({
        media: [],
        problems: [`the package's media list cannot be read (${why}); its media was not imported`]
      })
    }
  })

  it('refuses the media of a package newer than Anki 2.1.50+ and of a broken meta', () => {
    const modern = modernPackage()
    expect(readPackageMedia({ ...modern, meta: Uint8Array.from([0x08, 0x04]) }, ROOMY).problems).toEqual([
      'the package was made by a newer Anki (package version 4); its media was not imported'
    ])
    expect(readPackageMedia({ ...modern, meta: new Uint8Array(0) }, ROOMY).problems).toEqual([
      'the package was made by a newer Anki (package version 0); its media was not imported'
    ])
    expect(readPackageMedia({ ...modern, meta: Uint8Array.from([0x08]) }, ROOMY).problems).toEqual([
      `the package's version ("meta") cannot be read; its media was not imported`
    ])
  })
})

describe('encodeMediaEntries (fixture): the wire format of proto/anki/import_export.proto', () => {
  it('writes name = 1, size = 2, sha1 = 3 and legacy_zip_filename = 255 inside repeated entries = 1', () => {
    const sha1 = noise(20, 3)
    const entry = [0x0a, 5, ...new TextEncoder().encode('a.png'), 0x10, 0xac, 0x02, 0x1a, 20, ...sha1, 0xf8, 0x0f, 7]
    expect([...encodeMediaEntries([{ name: 'a.png', size: 300, sha1, legacyZipFilename: 7 }])]).toEqual([0x0a, entry.length, ...entry])
  })
})

describe('unzipPackage', () => {
  it('keeps the collections, meta, media and numbered entries, and nothing else', () => {
    const bytes = packApkg({
      'collection.anki21b': new Uint8Array([1]),
      'collection.anki21': new Uint8Array([2]),
      'collection.anki2': new Uint8Array([3]),
      meta: META_LATEST,
      media: new Uint8Array([4]),
      '0': new Uint8Array([5]),
      '12': new Uint8Array([6]),
      'notes.txt': new Uint8Array([7]),
      '../0': new Uint8Array([8]),
      '0.png': new Uint8Array([9])
    })
    const unzipped = unzipPackage(bytes, 1000)
    expect(unzipped).toEqual({
      'collection.anki21b': new Uint8Array([1]),
      'collection.anki21': new Uint8Array([2]),
      'collection.anki2': new Uint8Array([3]),
      meta: META_LATEST,
      media: new Uint8Array([4]),
      '0': new Uint8Array([5]),
      '12': new Uint8Array([6])
    })
  })

  it('refuses a package whose declared sizes add up to more than the cap', () => {
    const bytes = packApkg({ meta: META_LATEST, ...legacyMedia(FILES), 'other.bin': new Uint8Array(500_000) })
    expect(unzipPackage(bytes, 100_000)).toBe('the package unpacks to more than 0.1 MB; it was not opened')
    expect(unzipPackage(bytes, 200_000)).not.toBeTypeOf('string') // entries it does not keep do not count
  })

  it('counts a stored entry at its stored size when that is larger than declared', () => {
    const bytes = zipSync({ '0': [noise(50_000, 4), { level: 0 }] })
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    const central = bytes.length - 22 - 46 - 1 // one entry, named "0"
    expect(view.getUint32(central, true)).toBe(0x02014b50)
    view.setUint32(central + 24, 10, true) // declared uncompressed size
    expect(unzipPackage(bytes, 20_000)).toBe('the package unpacks to more than 0.1 MB; it was not opened')
    const unzipped = unzipPackage(bytes, 60_000)
    expect(typeof unzipped !== 'string' && digest(unzipped['0'])).toBe(digest(noise(50_000, 4)))
  })

  it('says so when the zip is damaged', () => {
    const bytes = packApkg({ meta: META_LATEST, ...legacyMedia(FILES) })
    expect(unzipPackage(bytes.slice(0, 600), 1e9)).toBe('the package is damaged: it is not a readable zip archive')
    expect(unzipPackage(new TextEncoder().encode('front,back\n'), 1e9)).toBe('the package is damaged: it is not a readable zip archive')
  })
})

describe('unzstdBounded', () => {
  it('decompresses zstd byte for byte', () => {
    expect(digest(unzstdBounded(zstdCompress(MP3), 1e9))).toBe(digest(MP3))
    expect(digest(unzstdBounded(zstdRawFrame(JPEG), JPEG.length))).toBe(digest(JPEG))
  })

  it('decodes a stream whose window is larger than a small cap, as Anki writes them (2 MiB window)', () => {
    const frame = Uint8Array.from([...ZSTD_MAGIC, 0x00, 11 << 3, ...blockHeader(true, 0, 5), ...new TextEncoder().encode('hello')])
    expect(new TextDecoder().decode(unzstdBounded(frame, 1000) as Uint8Array)).toBe('hello')
  })

  it('refuses a huge declared window or size in any frame, and output beyond the cap', () => {
    const hugeWindow = [...ZSTD_MAGIC, 0x00, 21 << 3, ...blockHeader(true, 0, 0)]
    expect(unzstdBounded(Uint8Array.from(hugeWindow), 200 * 1024 * 1024)).toBe('the package unpacks to more than 200 MB; it was not opened')
    const small = zstdRawFrame(new TextEncoder().encode('ok'))
    expect(unzstdBounded(Uint8Array.from([...small, ...hugeWindow]), 200 * 1024 * 1024)).toMatch(/unpacks to more than 200 MB/)
    expect(unzstdBounded(zstdRawFrame(new Uint8Array(2000)), 1000)).toBe('the package unpacks to more than 0.1 MB; it was not opened')
    const rle = [...ZSTD_MAGIC, 0x00, 7 << 3]
    for (let i = 0; i < 100; i++) rle.push(...blockHeader(i === 99, 1, 128 * 1024), 0x41)
    expect(unzstdBounded(Uint8Array.from(rle), 1024 * 1024)).toBe('the package unpacks to more than 1 MB; it was not opened')
  })

  it('says so when the data is damaged, with the words parseApkgDeck uses', () => {
    const frame = zstdRawFrame(JPEG)
    expect(unzstdBounded(frame.slice(0, frame.length - 100), 1e9)).toBe(
      'the collection in the package is damaged (its zstd compression cannot be read)'
    )
  })
})
