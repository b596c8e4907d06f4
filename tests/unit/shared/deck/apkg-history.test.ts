import { parseApkgDeck } from '@shared/deck/apkg'
import { readPackageHistory } from '@shared/deck/apkg-history'
import { importDeckFile } from '@shared/deck/import-file'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { legacyCollection, packApkg } from '../../../fixtures/import/make-apkg'
import { CAPITAL_MEMORY, daysAgo, historyCollection, historyPackage, HISTORY_NOTES } from '../../helpers/anki-history-package'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const historyOf = (collection: Uint8Array) => {
  const db = new SQL.Database(collection)
  try {
    return readPackageHistory(db)
  } finally {
    db.close()
  }
}

describe('readPackageHistory', () => {
  it('reads each studied card with its scheduling, its FSRS memory and its review log, oldest first', () => {
    const history = historyOf(historyCollection(SQL))!
    expect(history.collectionCreated).toBe(new Date(2026, 2, 10 - 100, 4).getTime())
    // The never-studied "Highest peak" has no history; the deleted card's rows are counted apart.
    expect(history.cards.map((c) => [c.guid, c.ord])).toEqual([
      ['hist-capital', 0],
      ['hist-capital', 1],
      ['hist-river', 0]
    ])
    expect(history).toMatchObject({ reviewCount: 11, orphanReviews: 2, orphanCards: 1 })
    const [capital, reverse, river] = history.cards
    expect(capital).toMatchObject({ type: 2, queue: 2, ivl: 23, reps: 6, lapses: 1 })
    expect(capital!.memory).toEqual({ stability: CAPITAL_MEMORY.s, difficulty: CAPITAL_MEMORY.d, desiredRetention: CAPITAL_MEMORY.dr })
    expect(capital!.reviews.map((r) => [r.ease, r.type])).toEqual([
      [3, 0],
      [3, 0],
      [3, 1],
      [1, 1],
      [3, 2],
      [0, 4],
      [4, 1]
    ])
    expect(capital!.reviews[0]).toEqual({ at: daysAgo(60), ease: 3, ivl: -600, lastIvl: 0, factor: 0, timeMs: 8000, type: 0 })
    expect(reverse!.memory).toBeUndefined()
    expect(reverse!.reviews.at(-1)).toMatchObject({ type: 3, factor: 0 }) // the cram answer
    expect(river).toMatchObject({ type: 1, queue: 1 })
    expect(river!.due).toBeGreaterThan(1_000_000_000) // learning: epoch seconds
  })

  it('says there is no history for a deck shared without scheduling', () => {
    expect(historyOf(legacyCollection(SQL, HISTORY_NOTES))).toBeUndefined()
  })

  it('ignores a cards.data that is not Anki’s FSRS memory', () => {
    const db = new SQL.Database(historyCollection(SQL))
    db.run(`UPDATE cards SET data = '{"s": "lots", "d": 6}' WHERE ord = 0 AND nid = 1700000200000`)
    const history = readPackageHistory(db)!
    db.close()
    expect(history.cards[0]!.memory).toBeUndefined()
    expect(history.cards[0]!.reviews).toHaveLength(7)
  })

  it('comes with the deck parsed from the package', () => {
    const { deck, history, problems } = parseApkgDeck(historyPackage(SQL), 'geo.apkg', SQL)
    expect(problems).toEqual([])
    expect(deck?.notes).toHaveLength(3)
    expect(history?.cards).toHaveLength(3)
    expect(parseApkgDeck(packApkg({ 'collection.anki2': legacyCollection(SQL, HISTORY_NOTES) }), 'geo.apkg', SQL).history).toBeUndefined()
  })

  it('reaches the page with the deck: importDeckFile keeps it (the worker posts this result)', async () => {
    const result = await importDeckFile({ name: 'geo.apkg', bytes: historyPackage(SQL) }, { sqlJs: SQL })
    expect(result.deck?.notes).toHaveLength(3)
    expect(result.history).toMatchObject({ reviewCount: 11, orphanReviews: 2 })
  })
})
