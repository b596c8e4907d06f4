import {
  combineSimulations,
  examDecksFigures,
  forecastExamDecks,
  simulateDeck,
  withDecksSimulation,
  type DeckSimulation
} from '@core/exam-plan/decks-forecast'
import { loadExamDecks } from '@db/exam-plan-repository'
import type { Platform } from '@platform/platform'
import { ExamPlanCard } from '@screens/exam-plan/ExamPlanCard'
import { setAppStore } from '@store'
import type { ExamSimulationRequest } from '@store/exam-plan-simulation'
import { FORECAST_CACHE_NAME } from '@store/exam-forecast-cache'
import type { RecallDatabase } from '@db/database'
import Dexie from 'dexie'
import type { WorkerCall, WorkerReply } from '@store/worker-calls'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { storeOnMonday, studyGood } from '../../helpers/study-store'
import { makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * The exam forecast's worker module (exam-forecast-worker.ts) run behind a stand-in for `Worker`:
 * messages go both ways through structuredClone, as between a page and a worker. Its replies can
 * be held back, as a slow simulation would.
 */
type Call = WorkerCall<ExamSimulationRequest>
type Reply = WorkerReply<DeckSimulation[]>
const calls: Call[] = []
const replies: Reply[] = []
let held: Promise<void> = Promise.resolve()
let started = 0
class StandInWorker {
  onmessage: ((event: { data: Reply }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  private readonly scope: { onmessage?: (event: { data: Call }) => void; postMessage: (reply: Reply) => void }
  private readonly ready: Promise<unknown>
  constructor() {
    this.scope = {
      postMessage: (reply) => {
        replies.push(reply)
        void held.then(() => this.onmessage?.({ data: structuredClone(reply) }))
      }
    }
    vi.stubGlobal('self', this.scope)
    started++
    this.ready = import('@renderer/workers/exam-forecast-worker')
  }
  postMessage(call: Call) {
    calls.push(call)
    void this.ready.then(() => this.scope.onmessage?.({ data: structuredClone(call) }))
  }
  terminate() {}
}
vi.stubGlobal('Worker', StandInWorker)

const library = {
  decks: [makeDeck('services', makeCards(60)), makeDeck('pipeline', makeCards(30)), makeDeck('chips', makeCards(10))],
  problems: []
}
const platform: Platform = fakePlatform(library)

/** How many decks of the collection `dbName` have a forecast kept across page loads. */
async function keptSlots(dbName: string): Promise<number> {
  const cache = new Dexie(FORECAST_CACHE_NAME)
  cache.version(1).stores({ decks: 'slot' })
  const slots = (await cache.table('decks').toCollection().primaryKeys()) as string[]
  cache.close()
  return slots.filter((slot) => slot.startsWith(`${dbName}\u0000`)).length
}

/**
 * Moves the page's clock 2 s on: the cards written just before are then more than the forecast
 * cache's margin (1 s) older than the opening's read, as a person's clicks are, so that what it
 * keeps counts for the next opening (a card written within the margin is taken as possibly unseen).
 */
let pageClock = Date.now()
const later = () => vi.setSystemTime((pageClock += 2_000))
// The page's clock only goes forward from one test to the next, as the cards' stamps do (db/derived-tables.ts).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  later()
})
afterEach(() => vi.useRealTimers())

/** Reads of the card columns (any request to the `cardColumns` table) through `db`. */
let columnReads = 0
function countColumnReads(db: RecallDatabase) {
  db.use({
    stack: 'dbcore',
    name: 'count-column-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        if (name !== 'cardColumns') return table
        return {
          ...table,
          get: (req) => (columnReads++, table.get(req)),
          getMany: (req) => (columnReads++, table.getMany(req)),
          query: (req) => (columnReads++, table.query(req)),
          openCursor: (req) => (columnReads++, table.openCursor(req))
        }
      }
    })
  })
}

async function setup() {
  const { db, clock, store, state } = await storeOnMonday(platform)
  const examDate = new Date(2026, 4, 24, 9, 0).getTime()
  await db.exams.put({
    id: 'exam-1',
    name: 'AIF-C01',
    date: examDate,
    deckIds: ['services', 'pipeline', 'chips'],
    examMode: false,
    targetRecall: 0.9
  })
  return { db, clock, store, state, examDate }
}

/** The decks the worker was asked to simulate by the calls after the `since`th (the others' simulations were kept). */
const simulatedSince = (since: number) => calls.slice(since).flatMap((call) => call.body.decks.map((deck) => deck.deckId))

describe('the exam forecast’s simulation in a worker', () => {
  // First in this file: the worker is started once per page, and kept.
  it('is started when the exam plan is about to open (pointed at), and that worker answers the opening', async () => {
    const s = await setup()
    expect(started).toBe(0)
    s.state().warmExamPlan()
    await vi.waitFor(() => expect(started).toBe(1))
    expect(calls).toEqual([])
    await s.state().openExamPlan()
    expect(started).toBe(1)
    expect(calls.length).toBe(1)
    expect(s.state().examPlan.entries[0]!.simulation?.plan.length).toBe(20)
    s.state().warmExamPlan()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(started).toBe(1)
  })

  it('gives, with the figures painted at once, the forecast the page computes in one go on the same cards', async () => {
    const s = await setup()
    await studyGood(s, 'services', 12)
    await studyGood(s, 'pipeline', 5)
    const before = calls.length
    await s.state().openExamPlan()
    expect(calls.length).toBe(before + 1)
    expect(calls.at(-1)).toMatchObject({
      // The decks as the page read them: the worker does not read them again.
      body: { decks: [{ deckId: 'services' }, { deckId: 'pipeline' }, { deckId: 'chips' }], examDate: s.examDate }
    })
    const entry = s.state().examPlan.entries[0]!
    const params = { now: s.clock.now, examDate: s.examDate, dayStartsAtHour: 4, targetRecall: 0.9 }
    const decks = await loadExamDecks(s.db, entry.exam, s.clock.now, 4)
    const whole = forecastExamDecks(decks, params)
    expect(entry.forecast).toEqual(examDecksFigures(decks, params))
    expect(withDecksSimulation(entry.forecast!, entry.simulation!)).toEqual(whole)
    // The same object, key for key, so its JSON (what the forecast's hash is taken of) is the same.
    expect(JSON.stringify(withDecksSimulation(entry.forecast!, entry.simulation!))).toBe(JSON.stringify(whole))
    expect(entry.simulation!.recallIfStudying.mean).toBeGreaterThan(0.5)
    expect(entry.simulation!.plan.length).toBe(20)
  })

  it('simulates again only the deck a grade or an options change changed, nothing when nothing changed, every deck on a new day', async () => {
    const s = await setup()
    const firstAt = s.clock.now
    let since = calls.length
    later()
    await s.state().openExamPlan()
    expect(simulatedSince(since)).toEqual(['services', 'pipeline', 'chips'])
    const first = s.state().examPlan.entries[0]!.simulation
    since = calls.length
    later()
    await s.state().openExamPlan()
    // Every deck's simulation kept: the worker is not asked.
    expect(calls.length).toBe(since)
    expect(s.state().examPlan.entries[0]!.simulation).toEqual(first)

    await studyGood(s, 'pipeline', 1)
    since = calls.length
    later()
    await s.state().openExamPlan()
    expect(simulatedSince(since)).toEqual(['pipeline'])
    const afterGrade = s.state().examPlan.entries[0]!
    expect(afterGrade.forecast!.unseen).toBe(99)
    // What the cache gives equals a fresh computation on the cards as they now are, the decks
    // unchanged since the first opening simulated at its time of day (the cache keeps a study day's).
    const params = { examDate: s.examDate, dayStartsAtHour: 4, targetRecall: 0.9 }
    const [services, pipeline, chips] = await loadExamDecks(s.db, afterGrade.exam, s.clock.now, 4)
    const expected = combineSimulations([
      simulateDeck(services!, { ...params, now: firstAt }),
      simulateDeck(pipeline!, { ...params, now: s.clock.now }),
      simulateDeck(chips!, { ...params, now: firstAt })
    ])
    expect(afterGrade.simulation).toEqual(expected)
    expect(afterGrade.simulation).not.toEqual(first)

    // Fewer new cards a day for the chips deck: its simulation again, the others kept.
    await s.state().openOptions('chips')
    s.state().editOptions({ newCardsPerDay: '1', presetName: 'Slow' })
    expect(await s.state().saveOptions(true)).toBe(true)
    since = calls.length
    later()
    await s.state().openExamPlan()
    expect(simulatedSince(since)).toEqual(['chips'])
    const [, , slowChips] = await loadExamDecks(s.db, afterGrade.exam, s.clock.now, 4)
    expect(slowChips!.options.newCardsPerDay).toBe(1)
    expect(s.state().examPlan.entries[0]!.simulation).toEqual(
      combineSimulations([
        simulateDeck(services!, { ...params, now: firstAt }),
        simulateDeck(pipeline!, { ...params, now: s.clock.now }),
        simulateDeck(slowChips!, { ...params, now: s.clock.now })
      ])
    )

    // A new study day: every deck again (the simulation starts from today).
    s.clock.now += 24 * 3_600_000
    since = calls.length
    later()
    await s.state().openExamPlan()
    expect(simulatedSince(since)).toEqual(['services', 'pipeline', 'chips'])
  })

  it('paints the whole screen from the kept simulations after a restart, and simulates a deck graded since', async () => {
    const s = await setup()
    await studyGood(s, 'services', 3)
    const openedAt = s.clock.now
    later()
    await s.state().openExamPlan()
    const before = s.state().examPlan.entries[0]!
    // Written in the background: wait until the collection's three decks are kept.
    await vi.waitFor(async () => expect(await keptSlots(s.db.name)).toBe(3))

    // A restart: the app's modules loaded afresh (no memory of the last page), on the same collection.
    const restart = async () => {
      vi.resetModules()
      const [{ createRecallStore }, { RecallDatabase }] = await Promise.all([import('@store'), import('@db/database')])
      const db = new RecallDatabase(s.db.name)
      countColumnReads(db)
      const store = createRecallStore({ db, platform, now: () => s.clock.now })
      const state = () => store.getState()
      await state().loadLibrary()
      return { db, clock: s.clock, state, store }
    }
    const again = await restart()
    let since = calls.length
    columnReads = 0
    later()
    await again.state().openExamPlan()
    // Nothing simulated, and no deck's card columns read: the cards' index says none changed.
    expect(calls.length).toBe(since)
    expect(columnReads).toBe(0)
    const reopened = again.state().examPlan.entries[0]!
    expect(reopened.simulation).toEqual(before.simulation)
    expect(JSON.stringify(withDecksSimulation(reopened.forecast!, reopened.simulation!))).toBe(
      JSON.stringify(withDecksSimulation(before.forecast!, before.simulation!))
    )

    // A grade, then a restart: the graded deck is simulated on the cards as they now are, not served from before.
    await studyGood(again, 'chips', 2)
    const third = await restart()
    since = calls.length
    columnReads = 0
    later()
    await third.state().openExamPlan()
    expect(simulatedSince(since)).toEqual(['chips'])
    expect(columnReads).toBeGreaterThan(0)
    const graded = third.state().examPlan.entries[0]!
    const decks = await loadExamDecks(third.db, graded.exam, s.clock.now, 4)
    const params = { now: s.clock.now, examDate: s.examDate, dayStartsAtHour: 4, targetRecall: 0.9 }
    expect(graded.forecast).toEqual(examDecksFigures(decks, params))
    expect(graded.simulation).toEqual(
      combineSimulations([
        simulateDeck(decks[0]!, { ...params, now: openedAt }),
        simulateDeck(decks[1]!, { ...params, now: openedAt }),
        simulateDeck(decks[2]!, params)
      ])
    )
    expect(graded.simulation).not.toEqual(before.simulation)
  })

  it('paints the plan and its figures while the simulation is on its way, then the simulation’s', async () => {
    const s = await setup()
    setAppStore(s.store)
    let release: () => void = () => undefined
    held = new Promise<void>((resolve) => (release = resolve))
    const opening = s.state().openExamPlan()
    await vi.waitFor(() => expect(s.state().examPlan.status).toBe('ready'))
    const pending = s.state().examPlan.entries[0]!
    expect(pending.forecast?.daysLeft).toBe(20)
    expect(pending.simulation).toBeUndefined()
    const html = renderToStaticMarkup(createElement(ExamPlanCard, { entry: pending }))
    expect(html).toMatch(/data-testid="days-left"[^>]*>20</)
    expect(html).toMatch(/data-testid="recall-now"[^>]*>\d+%</)
    expect(html).toMatch(/role="status" aria-busy="true"[^>]*>Forecasting your study days until the exam…</)
    expect(html).toContain('>Forecasting…<')
    expect(html).not.toContain('recall-studying"')
    expect(html).not.toContain('answers a day')

    release()
    await opening
    held = Promise.resolve()
    const done = renderToStaticMarkup(createElement(ExamPlanCard, { entry: s.state().examPlan.entries[0]! }))
    expect(done).toMatch(/data-testid="recall-studying"[^>]*>\d+%</)
    expect(done).toContain('answers a day')
    expect(done).not.toContain('aria-busy="true"')
    expect(done).not.toContain('Forecasting')
  })
})
