import { Queue } from '@core/model'
import { toBrowseRow } from '@db/browse-repository'
import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import { createRecallStore, type RecallState } from '@store'
import { beforeAll, describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'
import { NOW, pagingCards, referenceOrder, seedPaging } from '../workers/browse-collection'

const platform: Platform = fakePlatform({ decks: [], problems: [] })
// Four creation times, decks interleaved, places repeated within a deck, some cards Removed: the
// default order's ties are broken by deck, place and key, as the worker breaks them.
const cards = pagingCards()
const byId = new Map(cards.map((c) => [c.id, c]))

/**
 * Opens Browse on a new store; `early` runs once, inside the store's update that first shows rows
 * read before the worker answered, and its result is kept.
 */
async function openWatching<T>(db: RecallDatabase, early: (state: RecallState, current: () => RecallState) => T) {
  const store = createRecallStore({ db, platform, now: () => NOW })
  let seen: { value?: T } | undefined
  const stop = store.subscribe((state) => {
    if (seen || !state.browse.early) return
    // Set first: what `early` does updates the store, which calls this again.
    seen = {}
    seen.value = early(state, store.getState)
  })
  // The table, mounted before any row is listed, says it shows none.
  await store.getState().showRows(0, 0)
  await store.getState().openBrowse()
  stop()
  return { state: () => store.getState(), seen }
}

describe('Browse before its worker has ordered every card', () => {
  let db: RecallDatabase
  beforeAll(async () => {
    db = freshDatabase()
    await seedPaging(db, cards)
  })

  it('shows the first screenful in the default order, the same rows in the same order as once every card is ordered', async () => {
    const { state, seen } = await openWatching(db, (s) => ({
      status: s.browse.status,
      ids: s.browse.results.toArray(),
      rows: s.browse.results.toArray().map((id) => s.browse.rows.get(id)),
      count: s.browse.results.length
    }))
    expect(seen).toBeDefined()
    const early = seen!.value!
    expect(early.status).toBe('loading')
    // One screenful (the list's first view), none of it Removed.
    expect(early.count).toBe(60)
    const expected = referenceOrder(cards, 'created', false)
    expect(early.ids).toEqual(expected.slice(0, 60))
    expect(early.rows).toEqual(early.ids.map((id) => toBrowseRow(byId.get(id)!)))
    // The worker's answer lists the same cards first, and every card after them.
    expect(state().browse.status).toBe('ready')
    expect(state().browse.early).toBe(false)
    expect(state().browse.results.toArray()).toEqual(expected)
  })

  it('a search typed meanwhile shows no rows of the default order, then the cards it finds', async () => {
    const { state, seen } = await openWatching(db, (s, current) => {
      void s.setBrowseQuery('is:suspended')
      return { results: current().browse.results.length, status: current().browse.status }
    })
    expect(seen?.value).toEqual({ results: 0, status: 'loading' })
    const suspended = cards.filter((c) => c.queue === Queue.Suspended).map((c) => c.id)
    await waitFor(() => state().browse.query === 'is:suspended' && state().browse.results.length === suspended.length)
    expect(state().browse.results.toArray()).toEqual(referenceOrder(cards, 'created', false).filter((id) => suspended.includes(id)))
  })

  it('a column sorted meanwhile shows no rows in the old order, then every card in the new one', async () => {
    const { state, seen } = await openWatching(db, (s, current) => {
      void s.sortBrowse('due')
      return current().browse.results.length
    })
    expect(seen?.value).toBe(0)
    await waitFor(() => state().browse.sort.column === 'due' && state().browse.results.length > 0)
    expect(state().browse.results.toArray()).toEqual(referenceOrder(cards, 'due', false))
  })
})

async function waitFor(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(done()).toBe(true)
}
