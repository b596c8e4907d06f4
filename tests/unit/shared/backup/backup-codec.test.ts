import type { BackupInput } from '@shared/backup/backup-types'
import { BackupEncodeError, canonicalJson } from '@shared/backup/canonical-json'
import { DAMAGED_CHECKSUM, decodeBackup, NOT_A_BACKUP } from '@shared/backup/decode-backup'
import { encodeBackup } from '@shared/backup/encode-backup'
import { describe, expect, it } from 'vitest'

const NOW = Date.UTC(2026, 10, 21, 8, 33, 0)

/** A small collection in the shapes Dexie stores: decks, cards with FSRS state, the review log. */
function collection(): BackupInput {
  const card = (n: number, extra: object = {}) => ({
    id: `aws-ml-services/c${n}`,
    deckId: 'aws-ml-services',
    cardId: `c${n}`,
    reverse: false,
    ord: n,
    question: `What does service ${n} do? “quotes”, ünïcödé, 日本語, 🚀`,
    answer: 'Line one\nline two\t"quoted"',
    tags: ['sagemaker', 'deploy'],
    queue: 2,
    due: NOW + n * 86_400_000,
    stability: 12.345678901234,
    difficulty: 5.1,
    elapsed_days: 3,
    scheduled_days: 7,
    learning_steps: 0,
    reps: 4,
    lapses: 1,
    state: 2,
    last_review: NOW - 1000,
    createdAt: NOW - 5e9,
    ...extra
  })
  return {
    appVersion: '0.1.0',
    schemaVersion: 1,
    tables: {
      decks: [
        {
          id: 'aws-ml-services',
          name: 'AWS ML services',
          origin: 'builtin',
          file: 'aws-ml-services.json',
          contentHash: 'abc',
          cardCount: 2,
          updatedAt: NOW
        }
      ],
      cards: [card(1), card(2, { flag: 3, buriedUntil: NOW + 3_600_000, extra: undefined })],
      reviews: [
        {
          id: 1,
          cardKey: 'aws-ml-services/c1',
          deckId: 'aws-ml-services',
          rating: 3,
          state: 2,
          due: NOW,
          stability: 3.1,
          difficulty: 5,
          elapsed_days: 1,
          last_elapsed_days: 0,
          scheduled_days: 3,
          learning_steps: 0,
          review: NOW - 1000,
          duration: 4200
        },
        {
          id: 2,
          cardKey: 'aws-ml-services/c2',
          deckId: 'aws-ml-services',
          rating: 1,
          state: 1,
          due: NOW,
          stability: 0.4,
          difficulty: 7.25,
          elapsed_days: 0,
          last_elapsed_days: 0,
          scheduled_days: 0,
          learning_steps: 1,
          review: NOW - 500,
          duration: 15000
        }
      ],
      settings: [{ key: 'dayStartsAt', value: { hour: 4, nested: [1, null, true] } }],
      deckOptions: []
    }
  }
}

async function decodeOk(text: string) {
  const result = await decodeBackup(text)
  if ('error' in result) throw new Error(result.error)
  return result.backup
}

describe('encodeBackup → decodeBackup', () => {
  it('gives back the same tables, versions and date', async () => {
    const input = collection()
    const text = await encodeBackup(input, NOW)
    const backup = await decodeOk(text)
    expect(backup.tables).toEqual(input.tables)
    expect(backup.tables.cards![1]).not.toHaveProperty('extra') // undefined fields are left out, as in JSON
    expect(backup).toMatchObject({ createdAt: NOW, appVersion: '0.1.0', schemaVersion: 1 })
    expect(Object.keys(backup.tables).sort()).toEqual(['cards', 'deckOptions', 'decks', 'reviews', 'settings'])
  })

  it('writes a header line naming the format first, then one line per row', async () => {
    const text = await encodeBackup(collection(), NOW)
    const lines = text.split('\n')
    expect(lines[0]!.startsWith('{"format":"recall-backup","version":1,"createdAt":"2026-11-21T08:33:00.000Z"')).toBe(true)
    expect(JSON.parse(lines[0]!).tables).toEqual([
      { name: 'cards', rows: 2 },
      { name: 'deckOptions', rows: 0 },
      { name: 'decks', rows: 1 },
      { name: 'reviews', rows: 2 },
      { name: 'settings', rows: 1 }
    ])
    expect(lines).toHaveLength(1 + 6 + 1) // header, six rows, and the empty string after the final newline
    expect(lines.at(-1)).toBe('')
  })

  it('is the same text for the same data whatever the field order', async () => {
    const input = collection()
    const reordered = {
      ...input,
      tables: { ...input.tables, decks: input.tables.decks!.map((d) => Object.fromEntries(Object.entries(d as object).reverse())) }
    }
    expect(await encodeBackup(reordered, NOW)).toBe(await encodeBackup(input, NOW))
  })

  it('round-trips 200,000 review rows', async () => {
    const reviews = Array.from({ length: 200_000 }, (_, i) => ({
      id: i + 1,
      cardKey: `d/c${i % 5000}`,
      deckId: 'd',
      rating: (i % 4) + 1,
      review: NOW + i,
      duration: i % 9000
    }))
    const text = await encodeBackup({ appVersion: '0.1.0', schemaVersion: 1, tables: { reviews, decks: [] } }, NOW)
    const backup = await decodeOk(text)
    expect(backup.tables.reviews).toHaveLength(200_000)
    expect(backup.tables.reviews![199_999]).toEqual(reviews[199_999])
    // Field by field rather than one toEqual, which takes seconds on 200,000 objects.
    let differences = 0
    backup.tables.reviews!.forEach((row, i) => {
      const original = reviews[i] as Record<string, unknown>
      const entries = Object.entries(row as Record<string, unknown>)
      if (entries.length !== Object.keys(original).length) differences++
      for (const [key, value] of entries) if (original[key] !== value) differences++
    })
    expect(differences).toBe(0)
  })

  it('refuses values JSON would silently change, saying where they are', async () => {
    const bad = (row: unknown) => encodeBackup({ appVersion: '0.1.0', schemaVersion: 1, tables: { cards: [{ id: 'ok' }, row] } }, NOW)
    await expect(bad({ id: 'x', stability: NaN })).rejects.toThrow('cards row 2: field stability is NaN, which a backup cannot hold')
    await expect(bad({ id: 'x', due: new Date(NOW) })).rejects.toThrow('field due is a Date')
    await expect(bad({ id: 'x', tags: ['a', undefined] })).rejects.toThrow('field tags[1] is undefined')
    await expect(bad({ id: 'x', big: 1n })).rejects.toBeInstanceOf(BackupEncodeError)
  })
})

describe('decodeBackup refuses', () => {
  it('a file with one byte changed, anywhere after the header', async () => {
    const text = await encodeBackup(collection(), NOW)
    const headerEnd = text.indexOf('\n')
    // A digit in a review's stability, a letter in a question, and the newline between two rows.
    for (const at of [text.indexOf('3.1'), text.indexOf('service 2'), text.indexOf('\n', headerEnd + 1)]) {
      const changed = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1)
      const result = await decodeBackup(changed)
      expect(result).toHaveProperty('error')
      expect('error' in result && result.error).toMatch(/^This backup is damaged/)
    }
    const flipped = text.replace('"rating":3', '"rating":2')
    expect(await decodeBackup(flipped)).toEqual({ error: DAMAGED_CHECKSUM })
  })

  it('a header whose counts or date were edited', async () => {
    const text = await encodeBackup(collection(), NOW)
    expect(await decodeBackup(text.replace('"appVersion":"0.1.0"', '"appVersion":"0.1.1"'))).toEqual({ error: DAMAGED_CHECKSUM })
    expect(await decodeBackup(text.replace('2026-11-21', '2026-11-22'))).toEqual({ error: DAMAGED_CHECKSUM })
    expect(await decodeBackup(text.replace('{"name":"decks","rows":1}', '{"name":"decks","rows":0}'))).toEqual({
      error: 'This backup is damaged: it holds more rows than its first line lists.'
    })
  })

  it('a file cut short, at a line end or in the middle of a row', async () => {
    const text = await encodeBackup(collection(), NOW)
    const lastRow = text.lastIndexOf('\n', text.length - 2) + 1
    expect(await decodeBackup(text.slice(0, lastRow))).toEqual({
      error: 'This backup is damaged: it should hold 6 rows but only 5 are there (the file was cut short or changed).'
    })
    expect(await decodeBackup(text.slice(0, lastRow + 10))).toHaveProperty('error', expect.stringContaining('cut short'))
    expect(await decodeBackup(text.slice(0, -1))).toHaveProperty('error', expect.stringContaining('only 5 are there'))
    expect(await decodeBackup(text.slice(0, 40))).toEqual({ error: NOT_A_BACKUP })
  })

  it('an unknown or newer format version, with a message that says what to do', async () => {
    const text = await encodeBackup(collection(), NOW)
    expect(await decodeBackup(text.replace('"version":1', '"version":2'))).toEqual({
      error: 'This backup was made by a newer version of Recall (backup format 2; this Recall reads format 1). Update Recall to restore it.'
    })
    expect(await decodeBackup(text.replace('"version":1', '"version":"one"'))).toEqual({
      error: 'This backup has an unknown format version ("one"), so Recall cannot read it.'
    })
    expect(await decodeBackup(text.replace('"version":1,', ''))).toHaveProperty(
      'error',
      expect.stringContaining('unknown format version (none)')
    )
  })

  it('files that are not backups at all', async () => {
    expect(await decodeBackup('')).toEqual({ error: 'This file is empty, so it is not a Recall backup.' })
    expect(await decodeBackup('question,answer\nWhat is SageMaker?,A service\n')).toEqual({ error: NOT_A_BACKUP })
    expect(await decodeBackup('[1,2,3]\n')).toEqual({ error: NOT_A_BACKUP })
    expect(await decodeBackup('{"format":"recall-deck","version":1,"id":"x","name":"X","cards":[]}')).toEqual({
      error: 'This is a Recall deck file, not a backup. Import it as a deck instead.'
    })
    expect(await decodeBackup('{"format":"recall-backup","version":1}\n')).toHaveProperty('error', expect.stringContaining('first line'))
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and matches JSON.parse on the way back', () => {
    const value = { b: [{ z: 1, a: 'x' }], a: null, c: { y: true, x: -0.5 } }
    expect(canonicalJson(value)).toBe('{"a":null,"b":[{"a":"x","z":1}],"c":{"x":-0.5,"y":true}}')
    expect(JSON.parse(canonicalJson(value))).toEqual(value)
  })
})
