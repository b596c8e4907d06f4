import { DEFAULT_PRESET_ID, Queue, queueForState, type CardRecord, type DeckRecord, type ReviewRecord } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { RecallDatabase } from '@db/database'
import { openCollection } from '@db/open-database'
import { getSettings, optionsForDeck } from '@db/options-repository'
import { countToday, loadTodayQueue, recordReview } from '@db/study-repository'
import Dexie from 'dexie'
import { readFileSync } from 'node:fs'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { makeFixtures, type DatabaseDump } from '../../../fixtures/db/make-fixtures'
import { referenceLists } from '../../helpers/reference-counts'

const readDump = (file: string) => JSON.parse(readFileSync(`tests/fixtures/db/${file}`, 'utf8')) as DatabaseDump
const v1 = readDump('v1.json')
const v2 = readDump('v2.json')
const DAY = 86_400_000

let counter = 0
/** Writes a dump into a fresh database declared exactly as the old version declared it, and closes it. */
async function restoreDump(dump: DatabaseDump): Promise<string> {
  const name = `migration-${process.pid}-${++counter}`
  const old = new Dexie(name)
  for (const d of dump.declarations) old.version(d.version).stores(d.stores)
  await old.transaction('rw', Object.keys(dump.tables), async () => {
    for (const [table, rows] of Object.entries(dump.tables)) await old.table(table).bulkAdd(rows)
  })
  expect(old.verno).toBe(dump.version)
  old.close()
  return name
}

async function storedVersion(name: string): Promise<number | undefined> {
  return (await indexedDB.databases()).find((d) => d.name === name)?.version
}

const byId = <T extends { id?: string | number }>(rows: T[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)))
const rowsOf = <T>(dump: DatabaseDump, table: string) => (dump.tables[table] ?? []) as T[]

describe('opening a collection written by an earlier version of Recall', () => {
  it('uses fixtures that are exactly what make-fixtures.ts builds with the old declarations', async () => {
    expect(await makeFixtures()).toEqual({ v1, v2 })
  })

  for (const dump of [v1, v2]) {
    it(`upgrades a version ${dump.version} collection: every row kept, decks gain their preset, new tables empty`, async () => {
      const name = await restoreDump(dump)
      const db = new RecallDatabase(name)
      expect(await openCollection(db)).toEqual({ ok: true })
      expect(await storedVersion(name)).toBe(db.verno * 10)

      const decks = rowsOf<DeckRecord>(dump, 'decks')
      expect(byId(await db.decks.toArray())).toEqual(byId(decks.map((d) => ({ ...d, presetId: d.presetId ?? DEFAULT_PRESET_ID }))))
      expect(byId(await db.cards.toArray())).toEqual(byId(rowsOf<CardRecord>(dump, 'cards')))
      expect(await db.reviews.toArray()).toEqual(rowsOf<ReviewRecord>(dump, 'reviews'))
      expect(await db.presets.toArray()).toEqual(rowsOf(dump, 'presets'))
      expect(await db.settings.toArray()).toEqual(rowsOf(dump, 'settings'))
      expect(await db.exams.count()).toBe(0)
      expect(await db.simulations.count()).toBe(0)
      // Version 5: one front/back note per card id, from its forward card, reversed when a reverse card exists.
      const notes = await db.notes.toArray()
      const cards = rowsOf<CardRecord>(dump, 'cards')
      expect(notes.length).toBe(new Set(cards.map((c) => `${c.deckId}/${c.cardId}`)).size)
      for (const card of cards.filter((c) => !c.reverse)) {
        const reversed = cards.some((c) => c.reverse && c.deckId === card.deckId && c.cardId === card.cardId)
        expect(notes.find((n) => n.id === `${card.deckId}/${card.cardId}`)?.note).toEqual({
          id: card.cardId,
          type: 'basic',
          front: card.question,
          back: card.answer,
          ...(card.extra ? { extra: card.extra } : {}),
          tags: card.tags,
          ...(reversed ? { reverse: true } : {})
        })
      }
      expect(notes.filter((n) => n.removed).map((n) => n.id)).toEqual(
        cards
          .filter(
            (c) =>
              c.queue === Queue.Removed && !cards.some((o) => o.cardId === c.cardId && o.deckId === c.deckId && o.queue !== Queue.Removed)
          )
          .map((c) => `${c.deckId}/${c.cardId}`)
      )
      // The fixture is not trivially small: decks, studied cards in every state, a real log.
      expect(new Set(rowsOf<CardRecord>(dump, 'cards').map((c) => c.state))).toEqual(
        new Set([State.New, State.Learning, State.Review, State.Relearning])
      )
      db.close()
    })

    it(`counts and loads today's study from an upgraded version ${dump.version} collection through its indexes`, async () => {
      const db = new RecallDatabase(await restoreDump(dump))
      const settings = await getSettings(db)
      const day = studyDayOf(dump.capturedAt + 2 * DAY, settings.dayStartsAtHour)
      const cards = rowsOf<CardRecord>(dump, 'cards')
      const noBurying = { buryNewSiblings: false, buryReviewSiblings: false, buryInterdayLearningSiblings: false }
      for (const [deck, buryingOff] of rowsOf<DeckRecord>(dump, 'decks').flatMap((d) => [[d, false] as const, [d, true] as const])) {
        // Once with the deck's preset (siblings kept apart), once with burying off.
        const options = { ...(await optionsForDeck(db, deck.id)), ...(buryingOff ? noBurying : {}) }
        const queue = await loadTodayQueue(db, deck.id, day, options)
        // Worked out from the fixture rows alone: buried cards of an earlier day come back, and a
        // card whose sibling came before it in today's lists is left out.
        const today = cards
          .filter((c) => c.deckId === deck.id)
          .map((c) => (c.queue === Queue.Buried && (c.buriedUntil ?? 0) <= day.start ? { ...c, queue: queueForState(c.state) } : c))
        const expected = referenceLists(today, day, { reviews: options.reviewsPerDay, newCards: options.newCardsPerDay }, options)
        expect(queue.learning.map((e) => e.id)).toEqual(expected.learning)
        expect(queue.review.map((e) => e.id)).toEqual(expected.review)
        expect(queue.fresh.map((e) => e.id)).toEqual(expected.fresh)
        expect(await countToday(db, deck.id, day, options)).toEqual({
          learning: queue.learning.length,
          review: queue.review.length,
          fresh: queue.fresh.length
        })
        // Each list has cards, so each index is really exercised.
        if (buryingOff) expect([queue.learning.length, queue.review.length, queue.fresh.length].every((n) => n > 0)).toBe(true)
      }
      db.close()
    })

    it(`lists every card of an upgraded version ${dump.version} collection in Browse's default order through the version 10 index`, async () => {
      const db = new RecallDatabase(await restoreDump(dump))
      // The browser's order (core/search/sort.ts): creation, then deck, place in the deck and key.
      const expected = rowsOf<CardRecord>(dump, 'cards')
        .map((c) => [c.createdAt, c.deckId, c.ord, c.id] as const)
        .sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2] || (a[3] < b[3] ? -1 : 1)))
        .map((key) => key[3])
      expect(await db.cards.orderBy('[createdAt+deckId+ord]').primaryKeys()).toEqual(expected)
      db.close()
    })

    it(`goes on recording grades after the log of a version ${dump.version} collection`, async () => {
      const db = new RecallDatabase(await restoreDump(dump))
      const card = (await db.cards.filter((c) => c.queue === Queue.Review).first())!
      const at = card.due + DAY
      const { logId } = await recordReview(
        db,
        card,
        previewGrades(createScheduler(await optionsForDeck(db, card.deckId), DEFAULT_DAY_STARTS_AT_HOUR), card, at)[Rating.Good],
        3000
      )
      const lastOld = Math.max(...rowsOf<ReviewRecord>(dump, 'reviews').map((r) => r.id!))
      expect(logId).toBe(lastOld + 1)
      expect((await db.cards.get(card.id))?.reps).toBe(card.reps + 1)
      db.close()
    })
  }
})

/** A later version whose upgrade step fails half-way, after it already changed rows. */
class RecallWithFailingUpgrade extends RecallDatabase {
  constructor(name: string) {
    super(name)
    this.version(this.verno + 1)
      .stores({
        cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId], [deckId+mod], [createdAt+deckId+ord], *tags',
        backups: 'id'
      })
      .upgrade(async (tx) => {
        await tx
          .table('cards')
          .toCollection()
          .modify((c: CardRecord) => {
            c.question = 'half-migrated'
          })
        await tx.table('reviews').clear()
        throw new Error('the disk went away')
      })
  }
}

async function snapshot(db: RecallDatabase) {
  return {
    decks: await db.decks.toArray(),
    cards: await db.cards.toArray(),
    reviews: await db.reviews.toArray(),
    presets: await db.presets.toArray(),
    settings: await db.settings.toArray()
  }
}

describe('an upgrade that fails', () => {
  it('is rolled back as a whole: the collection stays at its version with every row, and the user is told so', async () => {
    const name = await restoreDump(v2)
    const current = new RecallDatabase(name)
    const before = await snapshot(current)
    current.close()

    const failing = new RecallWithFailingUpgrade(name)
    const result = await openCollection(failing)
    expect(result.ok).toBe(false)
    const message = result.ok ? '' : result.message
    expect(message).toMatch(/^Recall could not upgrade your collection from version 10 to 11 \(the disk went away\)\./)
    expect(message).toMatch(/Your data is unchanged/)
    expect(message).toMatch(/no backup is needed/)

    expect(await storedVersion(name)).toBe(100)
    const reopened = new RecallDatabase(name)
    expect(await snapshot(reopened)).toEqual(before)
    expect(reopened.tables.map((t) => t.name)).not.toContain('backups')
    await reopened.open()
    expect(reopened.backendDB().objectStoreNames.contains('backups')).toBe(false)
    expect([...reopened.backendDB().transaction('cards').objectStore('cards').indexNames]).not.toContain('tags')
    reopened.close()
  })

  it('undoes the earlier steps run in the same upgrade too (v1 → v11: the v2 step that set presetId and the v5 step that built the notes)', async () => {
    const name = await restoreDump(v1)
    const result = await openCollection(new RecallWithFailingUpgrade(name))
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/from version 1 to 11 .*Your data is unchanged/) })
    expect(await storedVersion(name)).toBe(10)

    const old = new Dexie(name)
    old.version(1).stores(v1.declarations[0]!.stores)
    expect(byId(await old.table('decks').toArray())).toEqual(byId(rowsOf<DeckRecord>(v1, 'decks')))
    expect(old.tables.map((t) => t.name).sort()).toEqual(['cards', 'decks', 'reviews'])
    expect(await old.table('reviews').count()).toBe(rowsOf(v1, 'reviews').length)
    old.close()

    // And the real upgrade still works afterwards.
    const db = new RecallDatabase(name)
    expect(await openCollection(db)).toEqual({ ok: true })
    expect((await db.decks.toArray()).every((d) => d.presetId === DEFAULT_PRESET_ID)).toBe(true)
    db.close()
  })
})
