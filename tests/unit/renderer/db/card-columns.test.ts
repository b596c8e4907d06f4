import type { CardRecord } from '@core/model'
import { studyDayOf } from '@core/time/study-day'
import { changeTags, forgetCards, saveCardEdit, suspendCards } from '@db/browse-repository'
import { bury, forget, setSuspended, toggleFlag, undo } from '@db/card-actions'
import { addCard, deleteCards, moveCards } from '@db/card-authoring'
import { cardsOfColumns, readAllCardColumns, readCardColumns, type ColumnCard } from '@db/card-columns'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { applyImport, planImport } from '@db/import-repository'
import fc from 'fast-check'
import { Rating } from 'ts-fsrs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readDeck } from '../../helpers/built-in-cards'
import { makeCards, makeDeck } from '../../helpers/fixtures'
import { watchedConnection } from '../../helpers/request-rounds'
import { card, grade, HOUR, NOW, runSteps, scheduler, stepArbitrary, stepDecks } from './collection-steps'

beforeEach(() => void vi.useFakeTimers({ now: NOW, toFake: ['Date'] }))
afterEach(() => void vi.useRealTimers())

const collection = () => stepDecks()

/** What the columns must give back of a card: the record without its text, flag or stamps. */
function projected(card: CardRecord): ColumnCard {
  const { id, deckId, ord, queue, tags, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state } =
    card
  return {
    ...{ id, deckId, ord, queue, tags, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state },
    ...(card.last_review !== undefined ? { last_review: card.last_review } : {}),
    ...(card.buriedUntil !== undefined ? { buriedUntil: card.buriedUntil } : {}),
    ...(card.tasks?.length ? { tasks: card.tasks } : {}),
    ...(card.noteType !== undefined ? { noteType: card.noteType } : {})
  }
}

const deckIdsOf = async (db: RecallDatabase) => [...new Set((await db.cards.toArray()).map((c) => c.deckId))].sort()
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)

/** The columns of every deck, read one deck at a time and for the whole collection, hold exactly the stored cards. */
async function expectCurrent(db: RecallDatabase, decks: readonly string[] = ['alpha', 'beta', 'gamma']): Promise<void> {
  const columns = await readCardColumns(db, decks)
  for (const [i, deckId] of decks.entries()) {
    expect(cardsOfColumns(columns[i]!)).toEqual((await db.cards.where('deckId').equals(deckId).toArray()).map(projected))
  }
  const all = (await readAllCardColumns(db)).flatMap(cardsOfColumns)
  expect(all.sort(byId)).toEqual((await db.cards.toArray()).map(projected))
}

describe('the card columns', () => {
  it('are built from the cards on first read and stored for the next', async () => {
    const db = await collection()
    expect(await db.cardColumns.count()).toBe(0)
    await expectCurrent(db)
    const stored = await db.cardColumns.get('alpha')
    expect(stored!.ids).toEqual((await db.cards.where('deckId').equals('alpha').primaryKeys()).sort())
    expect(stored!.builtFrom).toBeLessThanOrEqual(NOW)
    expect(await readCardColumns(db, ['no-such-deck'])).toMatchObject([{ deckId: 'no-such-deck', ids: [] }])
  })

  it('are built again over a row with columns missing, as another version of Recall could leave', async () => {
    const db = await collection()
    await db
      .table('cardColumns')
      .put({ deckId: 'alpha', builtFrom: NOW - HOUR, ids: ['alpha/c1'], queue: new Int8Array(1), due: new Float64Array(1) })
    await expectCurrent(db)
  })

  it('follow grades, bury, suspend, flag, text edits and resets, and their undo', async () => {
    const db = await collection()
    await expectCurrent(db)
    await grade(db, 'alpha/c1', Rating.Again)
    await grade(db, 'alpha/c2', Rating.Easy)
    await expectCurrent(db)
    const buried = await bury(db, await card(db, 'alpha/c3'), studyDayOf(Date.now(), 4))
    await setSuspended(db, await card(db, 'beta/c1'), true)
    await toggleFlag(db, await card(db, 'beta/c2'), 3)
    await expectCurrent(db)
    await saveCardEdit(db, 'alpha/c1', { front: 'New front', back: 'New back', extra: '' }, 'renamed topic')
    await forget(db, scheduler, await card(db, 'alpha/c2'), Date.now())
    await undo(db, buried)
    await expectCurrent(db)
    expect((await readCardColumns(db, ['alpha']))[0]!.tagSets).toContainEqual(['renamed', 'topic'])
  })

  it('follow imports, browse bulk actions, added, deleted and moved cards', async () => {
    const db = await collection()
    await expectCurrent(db)
    const next = { ...makeDeck('beta', makeCards(9).slice(2)).deck, name: 'Beta v2' }
    await applyImport(db, next, await planImport(db, next), { file: 'beta.json', keepRemoved: false, now: Date.now() })
    await mergeDeck(db, makeDeck('gamma', makeCards(7, true)), Date.now())
    await expectCurrent(db)
    const some = ['alpha/c1', 'alpha/c4', 'beta/c5', 'gamma/c2']
    await suspendCards(db, some, true)
    await forgetCards(db, ['alpha/c2', 'beta/c6'], () => scheduler, Date.now())
    await changeTags(db, ['alpha/c5', 'beta/c7'], ['exam'], ['t'])
    await addCard(db, 'alpha', { front: 'Added', back: 'Card', extra: '', tags: 'new', reverse: true }, Date.now())
    await expectCurrent(db)
    await deleteCards(db, ['beta/c4'])
    await expectCurrent(db)
    await moveCards(db, ['alpha/c6'], 'beta')
    await expectCurrent(db)
  })

  it('carry the task statements and question types of exam notes, and rebuild over rows from before them', async () => {
    const db = await collection()
    const exam = readDeck('aif-c01-2-generative-ai')
    await mergeDeck(db, { deck: exam, origin: 'builtin', file: `${exam.id}.json` }, Date.now())
    const decks = ['alpha', exam.id]
    await expectCurrent(db, decks)
    const cards = cardsOfColumns((await readCardColumns(db, [exam.id]))[0]!)
    expect(new Set(cards.map((c) => c.noteType)).size).toBeGreaterThan(1)
    expect(cards.every((c) => c.tasks?.every((t) => t.startsWith('AIF-C01 2.')))).toBe(true)
    // A row stored by a version of Recall without these columns is built again, not read as untyped.
    const stored = (await db.cardColumns.get(exam.id))!
    const { taskSets: _sets, taskSet: _set, noteType: _type, ...older } = stored
    await db.table('cardColumns').put(older)
    await expectCurrent(db, decks)
  })

  it('drop a card that changed deck under the same key', async () => {
    const db = await collection()
    await expectCurrent(db)
    await db.cards.update('alpha/c2', { deckId: 'beta' })
    await expectCurrent(db)
  })

  it('drop a deleted card from the row of the deck it left under the same key, before that row caught up', async () => {
    const db = await collection()
    await expectCurrent(db)
    await db.cards.update('alpha/c2', { deckId: 'beta' })
    await deleteCards(db, ['alpha/c2'])
    await expectCurrent(db)
  })

  it('are patched with the cards written since, and written back only when something changed', async () => {
    const db = await collection()
    // Built a minute after the cards were written, so no card falls in the re-read margin.
    vi.setSystemTime(NOW + 60_000)
    await expectCurrent(db)
    // A mark no read of the cards would leave: it survives only if the deck is not read again.
    const stored = (await db.cardColumns.get('alpha'))!
    stored.lapses[0] = 99
    await db.cardColumns.put(stored)
    vi.setSystemTime(NOW + HOUR)
    await grade(db, 'alpha/c3')
    const put = vi.spyOn(db.cardColumns, 'put')
    const [patched] = await readCardColumns(db, ['alpha'])
    expect(put).toHaveBeenCalledTimes(1)
    expect(patched!.lapses[0]).toBe(99)
    expect(patched!.builtFrom).toBeGreaterThan(stored.builtFrom)
    expect(cardsOfColumns(patched!).find((c) => c.id === 'alpha/c3')).toEqual(projected(await card(db, 'alpha/c3')))
    await readCardColumns(db, ['alpha', 'beta', 'gamma'])
    expect(put).toHaveBeenCalledTimes(1)
  })

  it('are read in a readonly transaction when current, and in a readwrite one only to build or patch them', async () => {
    const db = await collection()
    vi.setSystemTime(NOW + 60_000)
    const modes = vi.spyOn(db, 'transaction')
    const modesOfRead = async (read: () => Promise<unknown>) => {
      modes.mockClear()
      await read()
      return modes.mock.calls.map((call) => call[0])
    }
    expect(await modesOfRead(() => readAllCardColumns(db))).toEqual(['r', 'rw'])
    expect(await modesOfRead(() => readAllCardColumns(db))).toEqual(['r'])
    expect(await modesOfRead(() => readCardColumns(db, ['beta']))).toEqual(['r'])
    vi.setSystemTime(NOW + HOUR)
    await grade(db, 'alpha/c3')
    expect(await modesOfRead(() => readCardColumns(db, ['beta', 'alpha']))).toEqual(['r', 'rw'])
    expect(await modesOfRead(() => readAllCardColumns(db))).toEqual(['r'])
    await expectCurrent(db)
  })

  it('are read in two rounds of requests when current, however many decks, and patched reading only the changed deck again', async () => {
    const db = await collection()
    vi.setSystemTime(NOW + 60_000)
    await expectCurrent(db)
    const { db: watched, seen, clear } = watchedConnection(db.name)
    const maxRound = () => Math.max(...seen.rounds)
    // The rows (or a deck's row and the decks with rows), then which decks have cards and their cards written since.
    await watched.open()
    clear()
    await readAllCardColumns(watched)
    expect(maxRound()).toBe(2)
    clear()
    expect(cardsOfColumns((await readCardColumns(watched, ['beta']))[0]!)).toEqual(
      (await db.cards.where('deckId').equals('beta').toArray()).map(projected)
    )
    expect(maxRound()).toBe(2)
    expect(seen.columnsRead).toEqual(['beta'])
    // After a grade: every row read once in the readonly pass, then only the graded deck's again, and written.
    vi.setSystemTime(NOW + HOUR)
    await grade(db, 'alpha/c3')
    clear()
    await readAllCardColumns(watched)
    expect(seen.columnsRead.sort()).toEqual(['alpha', 'alpha', 'beta', 'gamma'])
    expect(seen.columnsWritten).toEqual(['alpha'])
    await expectCurrent(watched)
    // A deck added since the rows were built is found, and built.
    await mergeDeck(db, makeDeck('delta', makeCards(2)), Date.now())
    clear()
    expect((await readAllCardColumns(watched)).map((columns) => columns.deckId).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    expect(seen.columnsWritten).toEqual(['delta'])
    await expectCurrent(watched, ['alpha', 'beta', 'gamma', 'delta'])
    watched.close()
  })

  it('stay current when the clock steps back, in this window or in another one', async () => {
    const db = await collection()
    await expectCurrent(db)
    vi.setSystemTime(NOW - 2 * HOUR)
    await grade(db, 'alpha/c1')
    await expectCurrent(db)
    // Another window stamps with its own clock: an hour behind the columns' stamp, then just after it.
    vi.setSystemTime(NOW - 3 * HOUR)
    await writeFromAnotherWindow(db, { ...(await card(db, 'beta/c3')), queue: -1 })
    await expectCurrent(db)
    vi.setSystemTime(NOW - 3 * HOUR + 60_000)
    await writeFromAnotherWindow(db, { ...(await card(db, 'gamma/c1')), queue: -2, buriedUntil: NOW })
    vi.setSystemTime(NOW + HOUR)
    await expectCurrent(db)
  })
})

/** A card write as another window's Dexie makes it: stamped with that window's clock. */
async function writeFromAnotherWindow(db: RecallDatabase, card: CardRecord): Promise<void> {
  const tx = db.backendDB().transaction('cards', 'readwrite')
  tx.objectStore('cards').put({ ...card, mod: Date.now() })
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve
    tx.onerror = reject
  })
}

describe('the card columns under any sequence of changes', () => {
  it('always hold exactly the stored cards', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 16 }), async (steps) => {
        const db = await runSteps(collection, steps, (db, decks) => (decks === 'all' ? readAllCardColumns(db) : readCardColumns(db, decks)))
        await expectCurrent(db, await deckIdsOf(db))
        db.close()
      }),
      { numRuns: 40 }
    )
  })
})
