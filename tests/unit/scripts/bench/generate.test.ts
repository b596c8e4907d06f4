import { describe, expect, it } from 'vitest'
import { generateCollection, logSpanFor, logsPerCardOfSpan, type SeedProgress } from '../../../../scripts/bench/page/generate'

let counter = 0

/** A bare database with the stores the generator writes (the shape of version 4: no notes). */
function bareDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(`bench-generate-${process.pid}-${++counter}`)
    open.onupgradeneeded = () => {
      const db = open.result
      db.createObjectStore('cards', { keyPath: 'id' })
      db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true })
      db.createObjectStore('decks', { keyPath: 'id' })
      db.createObjectStore('settings', { keyPath: 'key' })
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error ?? new Error('open failed'))
  })
}

const NOW = Date.UTC(2026, 11, 6)

describe("the bench's seeded collection", () => {
  it('keeps the rows of earlier runs by default: 1,000 cards and 9,650 logs, as the runs of docs/performance.md counted', async () => {
    const db = await bareDatabase()
    const made = await generateCollection(db, 1000, NOW)
    expect(made).toEqual({ cards: 1000, reviews: 9650, decks: 10 })
  })

  it('seeds about the asked logs per card, and says how far it has got after each chunk', async () => {
    const db = await bareDatabase()
    const seen: SeedProgress[] = []
    const made = await generateCollection(db, 4000, NOW, 42, NOW, { logsPerCard: 1.5, onProgress: (p) => seen.push(p), chunkRows: 1000 })
    expect(made.cards).toBe(4000)
    expect(made.reviews / made.cards).toBeGreaterThan(1.45)
    expect(made.reviews / made.cards).toBeLessThan(1.55)
    // Several chunks, each reported with what is written so far, the last with every row.
    expect(seen.length).toBeGreaterThan(5)
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.cards + seen[i]!.reviews).toBeGreaterThan(seen[i - 1]!.cards + seen[i - 1]!.reviews)
    expect(seen.at(-1)).toEqual({ cards: 4000, reviews: made.reviews, notes: 0 })
  })

  it("finds the span of a studied card's log count for a mean, and refuses one below a log per studied card", () => {
    // 70 % of cards studied, each with 1 + ⌊U·s⌋ logs: s = 3 gives 0.7 × (1 + 1) = 1.4 per card.
    expect(logsPerCardOfSpan(3)).toBeCloseTo(1.4, 10)
    expect(logSpanFor(1.4)).toBeCloseTo(3, 6)
    expect(logsPerCardOfSpan(logSpanFor(1.5))).toBeCloseTo(1.5, 6)
    expect(logSpanFor(10)).toBe(26.6)
    expect(() => logSpanFor(0.5)).toThrow(/at least 0.7/)
  })
})
