import { evaluateParameters } from '@core/optimizer/evaluate'
import { OPTIMIZER_BUSY_MESSAGE, optimizeParameters, singleOptimizer, type OptimizerBinding } from '@main/optimizer'
import * as binding from '@open-spaced-repetition/binding'
import type { OptimizerHistory, OptimizerProgress } from '@shared/optimizer'
import { createEmptyCard, default_w, fsrs, generatorParameters, type Grade } from 'ts-fsrs'
import { syntheticHistories } from '../../../scripts/bench/synthetic-reviews'
import { describe, expect, it } from 'vitest'

/**
 * A learner whose memory follows FSRS with weights `truth`: each review happens on its due day
 * and passes with the probability truth's FSRS predicts. The optimizer must get closer to those
 * weights' predictions than the defaults do.
 */
function simulateHistories(cards: number, seed: number): OptimizerHistory[] {
  const truth = [0.5, 1.8, 4.0, 12.0, 6.8, 0.9, 2.5, 0.02, 1.2, 0.25, 0.9, 2.1, 0.08, 0.35, 1.6, 0.2, 2.8, 0.6, 0.4, 0.08, 0.2]
  const f = fsrs(generatorParameters({ w: truth, enable_fuzz: false, enable_short_term: false }))
  let state = seed
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
  const histories: OptimizerHistory[] = []
  for (let c = 0; c < cards; c++) {
    let card = createEmptyCard(new Date(Date.UTC(2025, 0, 1)))
    let day = 0
    const history: OptimizerHistory = []
    for (let r = 0; r < 8; r++) {
      const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000)
      const recall = r === 0 ? 0.7 : f.get_retrievability(card, at, false)
      const rating = (random() < recall ? (random() < 0.15 ? 4 : 3) : 1) as Grade
      history.push({ rating, deltaT: r === 0 ? 0 : Math.round((at.getTime() - card.last_review!.getTime()) / 86_400_000) })
      card = f.next(card, at, rating).card
      day += Math.max(1, card.scheduled_days)
    }
    histories.push(history)
  }
  return histories
}

describe('optimizeParameters (native FSRS optimizer)', () => {
  it('refuses politely with too little history, saying how much is needed', async () => {
    const result = await optimizeParameters(simulateHistories(20, 1), binding as unknown as OptimizerBinding)
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^Optimizing needs at least 400 reviews of cards studied on an earlier day; this deck has 140\./)
    })
  })

  it('fits parameters on several thousand reviews that predict them better than the defaults', async () => {
    const histories = simulateHistories(600, 7) // 4,800 reviews
    const result = await optimizeParameters(histories, binding as unknown as OptimizerBinding)
    if (!result.ok) throw new Error(result.message)
    expect(result.w).toHaveLength(21)
    const defaults = evaluateParameters(generatorParameters().w, histories)
    const fitted = evaluateParameters(result.w, histories)
    console.log(
      `optimizer: log loss ${defaults.logLoss.toFixed(4)} → ${fitted.logLoss.toFixed(4)}, RMSE ${defaults.rmseBins.toFixed(4)} → ${fitted.rmseBins.toFixed(4)} over ${fitted.reviews} reviews`
    )
    expect(fitted.logLoss).toBeLessThan(defaults.logLoss)
    expect(fitted.reviews).toBe(600 * 7)
  }, 120_000)

  it('trains on histories with same-day reviews (which abort the binding, or give NaN, if made items), with progress', async () => {
    // Each card's first day has a second review, as a learning step gives; a card learned today has
    // only those two. Fed to fsrs-rs as an item, [Good 0, Good 0] panics and aborts the process.
    const histories = syntheticHistories(6000, 3)
    histories.push([
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 0 }
    ])
    expect(histories.some((h) => h.slice(1).some((r) => r.deltaT === 0))).toBe(true)
    const progress: OptimizerProgress[] = []
    const result = await optimizeParameters(histories, binding as unknown as OptimizerBinding, (p) => progress.push(p))
    if (!result.ok) throw new Error(result.message)
    // A NaN loss leaves w4…w20 at the defaults: a real training moves them.
    expect(result.w.slice(4).some((w, i) => Math.abs(w - default_w[i + 4]!) > 1e-3)).toBe(true)
    // The binding's progress calls arrive through a thread-safe callback that may still be queued
    // when training resolves (seen on a clean CI run): what did arrive must be whole counts, rising.
    for (const [i, p] of progress.entries()) {
      expect(Number.isInteger(p.done) && Number.isInteger(p.total) && p.done <= p.total).toBe(true)
      if (i > 0) expect(p.done).toBeGreaterThanOrEqual(progress[i - 1]!.done)
    }
  }, 120_000)

  it('runs one training at a time: a request while one runs is refused with a message', async () => {
    let finish = (_w: number[]) => {}
    const fake: OptimizerBinding = {
      FSRSBindingReview: class {},
      FSRSBindingItem: class {},
      computeParameters: () => new Promise((resolve) => (finish = resolve))
    }
    const optimize = singleOptimizer(async () => fake)
    const histories = simulateHistories(60, 2)
    const first = optimize(histories)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await optimize(histories)).toEqual({ ok: false, message: OPTIMIZER_BUSY_MESSAGE })
    finish([...default_w])
    expect(await first).toEqual({ ok: true, w: [...default_w] })
    const again = optimize(histories)
    await new Promise((resolve) => setTimeout(resolve, 0))
    finish([...default_w])
    expect((await again).ok).toBe(true)
  })

  it('says so when the binding cannot be loaded', async () => {
    const optimize = singleOptimizer(() => Promise.reject(new Error('no native module for this platform')))
    expect(await optimize(simulateHistories(60, 2))).toEqual({
      ok: false,
      message: 'The optimizer failed (no native module for this platform); your current parameters are kept.'
    })
  })
})
