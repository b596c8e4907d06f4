import { evaluateParameters } from '@core/optimizer/evaluate'
import { optimizeParameters, type OptimizerBinding } from '@main/optimizer'
import * as binding from '@open-spaced-repetition/binding'
import type { OptimizerHistory } from '@shared/optimizer'
import { createEmptyCard, fsrs, generatorParameters, type Grade } from 'ts-fsrs'
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
})
