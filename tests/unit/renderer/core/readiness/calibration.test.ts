import { mulberry32 } from '@core/practice/random'
import { calibrate, logit, sigmoid, CALIBRATION_PRIOR, type ReviewEvidence } from '@core/readiness/calibration'
import { describe, expect, it } from 'vitest'

/** Reviews of a learner whose true recall is σ(a·logit(R) + b) at FSRS's predicted R. */
function learner(a: number, b: number, reviews: number, seed: number): ReviewEvidence[] {
  const random = mulberry32(seed)
  return Array.from({ length: reviews }, () => {
    const predicted = 0.3 + 0.69 * random()
    return { predicted, recalled: random() < sigmoid(a * logit(predicted) + b) }
  })
}

describe('calibration of FSRS predictions against the user’s answers', () => {
  it('without reviews it is the prior: FSRS taken as right, with the spread of learners around it', () => {
    const c = calibrate([])
    expect(c).toMatchObject({ a: 1, b: 0, reviews: 0 })
    expect(c.cov[0]).toBeCloseTo(0.35 ** 2 + 0.03 ** 2, 10)
    expect(c.cov[2]).toBeCloseTo(0.6 ** 2 + 0.05 ** 2, 10)
    expect(c.cov[1]).toBe(-0)
  })

  it('recovers a learner who forgets faster than the weights say, and narrows as reviews add up', () => {
    const few = calibrate(learner(1.5, -0.4, 200, 3))
    const many = calibrate(learner(1.5, -0.4, 20_000, 3))
    expect(many.a).toBeCloseTo(1.5, 1)
    expect(many.b).toBeCloseTo(-0.4, 1)
    expect(many.cov[0]).toBeLessThan(few.cov[0])
    expect(many.cov[2]).toBeLessThan(few.cov[2])
    // Never narrower than the floor: two numbers cannot know the curve beyond the intervals seen.
    expect(many.cov[0]).toBeGreaterThanOrEqual(CALIBRATION_PRIOR.floorA ** 2)
  })

  it('a learner whom FSRS predicts well stays at a ≈ 1, b ≈ 0', () => {
    const c = calibrate(learner(1, 0, 20_000, 11))
    expect(c.a).toBeCloseTo(1, 1)
    expect(c.b).toBeCloseTo(0, 1)
  })
})
