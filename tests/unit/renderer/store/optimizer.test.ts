import { listPresets } from '@db/options-repository'
import type { OptimizerHistory } from '@shared/optimizer'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const FITTED = [0.5, 1.5, 3.5, 12, 6.5, 0.8, 2.2, 0.02, 1.4, 0.2, 0.9, 2.0, 0.07, 0.3, 1.7, 0.25, 2.7, 0.55, 0.35, 0.1, 0.18]

describe('optimizing parameters from the deck options', () => {
  it('sends each card’s history in study days, shows old vs new, and applies only when accepted', async () => {
    const db = freshDatabase()
    const sent: OptimizerHistory[][] = []
    const clock = { now: new Date(2026, 0, 10, 9).getTime() }
    const platform = fakePlatform(
      { decks: [makeDeck('a', makeCards(5))], problems: [] },
      { optimizeParameters: async (h) => (sent.push(h), { ok: true, w: FITTED }) }
    )
    const store = createRecallStore({ db, platform, now: () => clock.now })
    const state = () => store.getState()
    await state().loadLibrary()
    for (let day = 0; day < 3; day++) {
      await state().startStudy('a')
      // Day 1: each card is forgotten once, then recalled after its relearning step.
      const forgotten = new Set<string>()
      for (let i = 0; i < 30 && state().session?.card; i++) {
        const id = state().session!.card!.id
        state().reveal()
        clock.now += 11 * 60_000
        await state().grade(day === 1 && !forgotten.has(id) ? Rating.Again : Rating.Good)
        forgotten.add(id)
      }
      await state().leaveStudy()
      clock.now += 86_400_000 * 15
    }
    await state().openOptions('a')
    await state().optimizeParameters()
    const optimizer = state().optimizer!
    expect(optimizer.status).toBe('ready')
    expect(sent[0]).toHaveLength(5)
    expect(sent[0]![0]![0]).toEqual({ rating: Rating.Good, deltaT: 0 })
    // Same-day learning steps are 0 days apart; the next study session, 15 days later.
    expect(sent[0]![0]!.map((r) => r.deltaT).slice(0, 3)).toEqual([0, 0, 15])
    expect(optimizer.before!.reviews).toBeGreaterThan(0)
    expect(optimizer.after!.reviews).toBe(optimizer.before!.reviews)

    // Nothing is stored until accepted and saved.
    expect((await listPresets(db)).find((p) => p.id === 'default')?.options.w).toBeUndefined()
    state().acceptOptimized()
    await state().saveOptions()
    expect((await listPresets(db)).find((p) => p.id === 'default')?.options.w).toEqual(FITTED)
  })

  it('shows the refusal when the history is too short', async () => {
    const db = freshDatabase()
    const store = createRecallStore({
      db,
      platform: fakePlatform(
        { decks: [makeDeck('a', makeCards(2))], problems: [] },
        { optimizeParameters: async () => ({ ok: false, message: 'needs at least 400 reviews' }) }
      ),
      now: () => Date.now()
    })
    await store.getState().loadLibrary()
    await store.getState().openOptions('a')
    await store.getState().optimizeParameters()
    expect(store.getState().optimizer).toMatchObject({ status: 'failed', message: 'needs at least 400 reviews' })
  })

  it('shows the training’s progress and, on Cancel, stops it and keeps the current parameters', async () => {
    for (const optimizerStops of [true, false]) {
      const db = freshDatabase()
      let signal: AbortSignal | undefined
      let report: (done: number, total: number) => void = () => {}
      let finish: (w: number[]) => void = () => {}
      const store = createRecallStore({
        db,
        platform: fakePlatform(
          { decks: [makeDeck('a', makeCards(2))], problems: [] },
          {
            optimizerStops,
            optimizeParameters: (_histories, options = {}) => {
              signal = options.signal
              report = (done, total) => options.onProgress?.({ done, total })
              // Like the desktop's binding: it goes on to the end whatever happens to the page.
              return new Promise((resolve) => (finish = (w) => resolve({ ok: true, w })))
            }
          }
        ),
        now: () => Date.now()
      })
      const state = () => store.getState()
      await state().loadLibrary()
      await state().openOptions('a')
      const running = state().optimizeParameters()
      await vi.waitFor(() => expect(state().optimizer).toMatchObject({ status: 'running', phase: 'training' }))
      report(66, 165)
      expect(state().optimizer!.progress).toBeCloseTo(0.4)

      state().cancelOptimize()
      expect(signal!.aborted).toBe(true)
      expect(state().optimizer).toMatchObject({
        status: 'cancelled',
        message: expect.stringMatching(/cancelled\. Your current parameters are kept\./)
      })
      expect(state().optimizer!.message!.includes('finishes in the background')).toBe(!optimizerStops)

      // What the training says after the cancel is not heard: no progress, no proposal.
      report(165, 165)
      finish(FITTED)
      await running
      expect(state().optimizer).toMatchObject({ status: 'cancelled' })
      expect(state().optimizer!.proposed).toBeUndefined()
      expect(state().optionsEditor!.presets.find((p) => p.id === 'default')!.options.w).toBeUndefined()
      expect((await listPresets(db)).find((p) => p.id === 'default')?.options.w).toBeUndefined()
    }
  })

  it('compares both parameter sets a slice of cards at a time, and Cancel stops the comparison too', async () => {
    const db = freshDatabase()
    const store = createRecallStore({
      db,
      platform: fakePlatform(
        { decks: [makeDeck('a', makeCards(2))], problems: [] },
        { optimizeParameters: async () => ({ ok: true, w: FITTED }) }
      ),
      now: () => Date.now()
    })
    const state = () => store.getState()
    await state().loadLibrary()
    await state().openOptions('a')
    // Cancel as soon as the comparison starts: before its first slice, which comes after a pause.
    const unsubscribe = store.subscribe((s) => {
      if (s.optimizer?.status === 'running' && s.optimizer.phase === 'evaluating') s.cancelOptimize()
    })
    await state().optimizeParameters()
    unsubscribe()
    expect(state().optimizer).toMatchObject({ status: 'cancelled' })
    expect(state().optimizer!.after).toBeUndefined()
  })
})
