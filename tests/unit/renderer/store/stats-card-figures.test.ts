import type { CardFiguresReply, StatsWorkerCall } from '@store/stats-card-figures'
import type { RecallDatabase } from '@db/database'
import { loadCardFigures } from '@db/stats-repository'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { local, useTimeZone } from '../../helpers/review-records'
import { generateCollection, storeCollection } from '../db/stats-collection'

useTimeZone('Europe/London', afterAll)

/**
 * The worker's own module (stats-worker.ts) run behind a stand-in for `Worker`: messages go both
 * ways through structuredClone, as between a page and a worker, and the worker opens the
 * collection by its name on its own connection.
 */
const calls: StatsWorkerCall[] = []
const replies: CardFiguresReply[] = []
class StandInWorker {
  onmessage: ((event: { data: CardFiguresReply }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  private readonly scope: { onmessage?: (event: { data: StatsWorkerCall }) => void; postMessage: (reply: CardFiguresReply) => void }
  private readonly ready: Promise<unknown>
  constructor() {
    this.scope = {
      postMessage: (reply) => {
        replies.push(reply)
        this.onmessage?.({ data: structuredClone(reply) })
      }
    }
    vi.stubGlobal('self', this.scope)
    this.ready = import('@renderer/workers/stats-worker')
  }
  postMessage(call: StatsWorkerCall) {
    calls.push(call)
    void this.ready.then(() => this.scope.onmessage?.({ data: structuredClone(call) }))
  }
  terminate() {}
}
vi.stubGlobal('Worker', StandInWorker)
const { countCardFigures, countsOffThePage, warmCardFigures } = await import('@store/stats-card-figures')

const DECKS = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips']
const now = local(2026, 3, 29, 14)
const HOUR = 4
let db: RecallDatabase

beforeAll(async () => {
  db = freshDatabase()
  await storeCollection(db, generateCollection(DECKS, 120, now), DECKS)
})

describe('the card charts counted in a worker', () => {
  it.each([
    ['the whole collection', 'all' as const],
    ['one deck', { deckIds: ['aws-ml-chips'] }]
  ])('gives the same figures as the page’s own count, for %s', async (_, scope) => {
    expect(countsOffThePage()).toBe(true)
    const before = calls.length
    const inWorker = await countCardFigures(db, scope, now, HOUR)
    expect(calls.length).toBe(before + 1)
    expect(calls.at(-1)).toMatchObject({ kind: 'count', dbName: db.name, scope, now, dayStartsAtHour: HOUR })
    const onPage = await loadCardFigures(db, scope, now, HOUR)
    expect(inWorker).toEqual(onPage)
    expect(inWorker.counts.total.total).toBeGreaterThan(scope === 'all' ? 300 : 100)
    expect(inWorker.memory.stability.bins.at(-1)?.to).toBe(Infinity)
  })
})

describe('the worker’s connection', () => {
  it('is opened ahead of the first count when the worker is warmed, and that count is the worker’s', async () => {
    const other = freshDatabase()
    await storeCollection(other, generateCollection(DECKS, 40, now), DECKS)
    const before = calls.length
    warmCardFigures(other)
    expect(calls.slice(before)).toEqual([{ kind: 'open', dbName: other.name }])
    const figures = await countCardFigures(other, 'all', now, HOUR)
    expect(replies.at(-1)).toEqual({ id: expect.any(Number), figures })
    expect(figures).toEqual(await loadCardFigures(other, 'all', now, HOUR))
  })

  it('is opened again after a count failed in it, so the next count is the worker’s again', async () => {
    const replaced = freshDatabase()
    await storeCollection(replaced, generateCollection(DECKS, 40, now), DECKS)
    const before = await countCardFigures(replaced, 'all', now, HOUR)
    // The collection replaced under the worker (as a restore does): its connection is closed.
    await replaced.delete()
    await replaced.open()
    await storeCollection(replaced, generateCollection(DECKS.slice(0, 1), 30, now), DECKS.slice(0, 1))
    const afterRestore = await countCardFigures(replaced, 'all', now, HOUR)
    const next = await countCardFigures(replaced, 'all', now, HOUR)
    expect(replies.at(-1)).toEqual({ id: expect.any(Number), figures: next })
    expect(next).toEqual(await loadCardFigures(replaced, 'all', now, HOUR))
    expect(afterRestore).toEqual(next)
    expect(next.counts.total.total).toBeLessThan(before.counts.total.total)
  })
})
