import { combineSimulations, examDecksFigures, forecastExamDecks, simulateDeck, withDecksSimulation } from '@core/exam-plan/decks-forecast'
import { loadExamDecks } from '@db/exam-plan-repository'
import type { Platform } from '@platform/platform'
import { ExamPlanCard } from '@screens/exam-plan/ExamPlanCard'
import { setAppStore } from '@store'
import type { ExamForecastCall } from '@store/exam-plan-forecast'
import type { ExamSimulationResult } from '@store/exam-plan-simulation'
import type { WorkerCall, WorkerReply } from '@store/worker-calls'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { storeOnMonday, studyGood } from '../../helpers/study-store'
import { makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * The exam forecast's worker module (exam-forecast-worker.ts) run behind a stand-in for `Worker`:
 * messages go both ways through structuredClone, as between a page and a worker, and the worker
 * opens the collection by its name on its own connection. Its replies can be held back, as a
 * slow simulation would.
 */
type Call = WorkerCall<ExamForecastCall>
type Reply = WorkerReply<ExamSimulationResult>
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

/** The decks the worker simulated again for the last call (the others came from its cache). */
const lastComputed = () => {
  const reply = replies.at(-1)!
  if ('error' in reply) throw new Error(reply.error)
  return reply.result.computed
}

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
      body: {
        dbName: s.db.name,
        request: { decks: [{ deckId: 'services' }, { deckId: 'pipeline' }, { deckId: 'chips' }], examDate: s.examDate }
      }
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

  it('simulates again only the deck a grade changed, and nothing when nothing changed', async () => {
    const s = await setup()
    const firstAt = s.clock.now
    await s.state().openExamPlan()
    expect(lastComputed()).toEqual(['services', 'pipeline', 'chips'])
    const first = s.state().examPlan.entries[0]!.simulation
    await s.state().openExamPlan()
    expect(lastComputed()).toEqual([])
    expect(s.state().examPlan.entries[0]!.simulation).toEqual(first)

    await studyGood(s, 'pipeline', 1)
    await s.state().openExamPlan()
    expect(lastComputed()).toEqual(['pipeline'])
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

    // A new study day: every deck again (the simulation starts from today).
    s.clock.now += 24 * 3_600_000
    await s.state().openExamPlan()
    expect(lastComputed()).toEqual(['services', 'pipeline', 'chips'])
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
