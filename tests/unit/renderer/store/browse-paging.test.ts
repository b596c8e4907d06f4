import { toBrowseRow } from '@db/browse-repository'
import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import { nextSelection } from '@screens/browse/selection'
import { createRecallStore } from '@store'
import { SELECT_ALL, selectionSize } from '@store/browse-selection'
import { beforeAll, describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'
import { NOW, pagingCards, referenceOrder, seedPaging, SORT_COLUMNS } from '../workers/browse-collection'

const platform: Platform = fakePlatform({ decks: [], problems: [] })
const cards = pagingCards()
const byId = new Map(cards.map((c) => [c.id, c]))

async function browsing(db: RecallDatabase) {
  const store = createRecallStore({ db, platform, now: () => NOW })
  await store.getState().openBrowse()
  const state = () => store.getState()
  /** The rows the list would draw for positions `from` to `to`, once it has asked for them. */
  const windowRows = async (from: number, to: number) => {
    await state().showRows(from, to)
    const { results, rows } = state().browse
    return results.slice(from, to).map((id) => rows.get(id))
  }
  return { state, windowRows }
}

describe('the card list, read a window at a time', () => {
  let db: RecallDatabase
  beforeAll(async () => {
    db = freshDatabase()
    await seedPaging(db, cards)
  })

  it.each(SORT_COLUMNS)('shows, sorted by %s either way, the rows a plain sort of every card puts there', async (column) => {
    const { state, windowRows } = await browsing(db)
    for (const descending of [false, true]) {
      // A click sorts up; a second click on the same column sorts down.
      while (state().browse.sort.column !== column || state().browse.sort.descending !== descending) await state().sortBrowse(column)
      const expected = referenceOrder(cards, column, descending).map((id) => toBrowseRow(byId.get(id)!))
      expect(state().browse.results.length).toBe(expected.length)
      expect(await windowRows(0, 25)).toEqual(expected.slice(0, 25))
      expect(await windowRows(300, 330)).toEqual(expected.slice(300, 330))
      expect(await windowRows(expected.length - 10, expected.length)).toEqual(expected.slice(-10))
      // The page holds the rows around what the list shows, never the whole list.
      expect(state().browse.rows.size).toBeLessThan(400)
    }
  })

  it('keeps a selection made on one part of the list while the list scrolls, sorts and searches', async () => {
    const { state, windowRows } = await browsing(db)
    const { results } = state().browse
    // Shift+click from row 5 to row 250: far more rows than the page has read.
    const run = nextSelection(results, state().browse.selected, 'range', 250, 5)
    state().setSelection(run, results.at(250))
    await windowRows(500, 530)
    expect(state().browseTargets()).toEqual(results.slice(5, 251))

    await state().sortBrowse('question')
    expect(new Set(state().browseTargets())).toEqual(new Set(results.slice(5, 251)))
    await state().setBrowseQuery('apple')
    const kept = state().browseTargets()
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.every((id) => /apple/i.test(byId.get(id)!.question) && results.slice(5, 251).includes(id))).toBe(true)
  })

  it('selects every card found with Ctrl+A, held as "all but", and acts on all of them', async () => {
    const db = freshDatabase()
    await seedPaging(db, cards)
    const { state, windowRows } = await browsing(db)
    await state().setBrowseQuery('deck:beta')
    const found = state().browse.results.toArray()
    state().setSelection(SELECT_ALL)
    expect(state().browse.selected).toEqual({ all: true, ids: new Set() })
    expect(selectionSize(state().browse.selected, state().browse.results)).toBe(found.length)
    // One row far down toggled off (Ctrl+click) leaves every other card selected.
    await windowRows(found.length - 5, found.length)
    state().setSelection(nextSelection(state().browse.results, state().browse.selected, 'toggle', found.length - 2, -1))
    expect(state().browseTargets()).toEqual(found.filter((id) => id !== found.at(-2)))

    await state().suspendSelected(true)
    expect(state().browse.notice).toMatch(/^Suspended \d+ cards\./)
    const stored = await db.cards.bulkGet(found)
    expect(stored.filter((c) => c!.queue === -1).map((c) => c!.id)).toEqual(found.filter((id) => id !== found.at(-2)))
    // The button now offers to unsuspend: every target is suspended (known from the columns, not the rows on screen).
    expect(state().browse.targetsSuspended).toBe(true)
    expect((await windowRows(0, 10)).every((row) => row?.queue === -1)).toBe(true)
  })
})
