import type { RecallDatabase } from '@db/database'
import { default_w, forgetting_curve } from 'ts-fsrs'
import { beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { allPlans, browsing, seedCollection } from './browse-collection'

const sorted = (ids: string[]) => [...ids].sort()
const plans = allPlans()
const expected = (keep: (p: (typeof plans)[number]) => boolean) => sorted(plans.filter(keep).map((p) => p.id))

describe('card browser search on 10,000 cards', () => {
  let db: RecallDatabase
  beforeAll(async () => {
    db = freshDatabase()
    await seedCollection(db)
  })

  it('finds every card for the empty search, and reads only the rows the list shows', async () => {
    const { state, ids } = await browsing(db)
    expect(state().browse.status).toBe('ready')
    expect(ids()).toHaveLength(10_000)
    expect(state().browse.rows.size).toBeLessThan(200)
    expect([...state().browse.rows.keys()]).toEqual(ids().slice(0, state().browse.rows.size))
  })

  it.each([
    ['deck:aws-ml-chips is:new', expected((p) => p.deckId === 'aws-ml-chips' && p.fresh)],
    ['deck:"AWS ML: chip*" is:new', expected((p) => p.deckId === 'aws-ml-chips' && p.fresh)],
    ['prop:s>10', expected((p) => !p.fresh && p.stability > 10)],
    ['tag:vision -is:suspended', expected((p) => p.tags.includes('vision') && !p.suspended)],
    ['tag:aws', expected((p) => p.tags.includes('aws::s3'))],
    ['rated:1', expected((p) => p.ratedToday)],
    ['rated:7', expected((p) => p.ratedToday || p.ratedThreeDaysAgo)],
    ['rated:1 OR (deck:my-notes* is:suspended)', expected((p) => p.ratedToday || (p.deckId === 'my-notes-ab12' && p.suspended))],
    ['"image analysis" -tag:vision', []]
  ])('%s finds exactly the planned cards', async (query, want) => {
    const { state, ids } = await browsing(db)
    await state().setBrowseQuery(query)
    expect(state().browse.queryError).toBeUndefined()
    expect(sorted(ids())).toEqual(want)
    expect(want.length).toBeGreaterThan(query.startsWith('"image') ? -1 : 0)
  })

  it('keeps the last results and reports where a search cannot be read', async () => {
    const { state, ids } = await browsing(db)
    await state().setBrowseQuery('tag:vision')
    const before = ids()
    await state().setBrowseQuery('tag:vision (is:new')
    expect(state().browse.queryError).toEqual({ message: expect.stringMatching(/Missing "\)"/), position: 11 })
    expect(ids()).toEqual(before)
    await state().setBrowseQuery('tag:vision is:new')
    expect(state().browse.queryError).toBeUndefined()
    expect(sorted(ids())).toEqual(expected((p) => p.tags.includes('vision') && p.fresh))
  })

  it('narrows to one deck with the deck filter, combined with the search', async () => {
    const { state, ids } = await browsing(db)
    await state().setDeckFilter('aws-ml-services')
    await state().setBrowseQuery('is:suspended')
    expect(sorted(ids())).toEqual(expected((p) => p.deckId === 'aws-ml-services' && p.suspended))
  })

  it('sorts by a column both ways; cards never studied stay last', async () => {
    const { state, ids } = await browsing(db)
    await state().setBrowseQuery('deck:aws-ml-chips')
    await state().sortBrowse('stability')
    const cards = async () => (await db.cards.bulkGet(ids())).map((c) => c!)
    const up = await cards()
    expect(state().browse.sort).toEqual({ column: 'stability', descending: false })
    const studied = up.filter((r) => r.state !== 0)
    expect(studied.map((r) => r.stability)).toEqual([...studied.map((r) => r.stability)].sort((a, b) => a - b))
    expect(up.slice(studied.length).every((r) => r.state === 0)).toBe(true)

    await state().sortBrowse('stability')
    const down = await cards()
    expect(state().browse.sort.descending).toBe(true)
    expect(down[0]!.stability).toBe(Math.max(...studied.map((r) => r.stability)))
    expect(down.at(-1)!.state).toBe(0)

    await state().sortBrowse('question')
    expect((await cards()).slice(0, 3).map((r) => r.question)).toEqual(['Question 0', 'Question 1002', 'Question 1005'])
  })

  it('computes retrievability now from each deck’s weights for prop:r', async () => {
    const { state, ids } = await browsing(db)
    await state().setBrowseQuery('prop:r<0.7')
    // Every studied card was last reviewed nine days ago.
    expect(sorted(ids())).toEqual(expected((p) => !p.fresh && forgetting_curve(default_w, 9, p.stability) < 0.7))
    expect(ids().length).toBeGreaterThan(0)
  })
})
