import { mulberry32 } from '@core/practice/random'
import type { OptimizerHistory } from '@shared/optimizer'
import { default_w, FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs'

/**
 * Review histories for the optimizer's figures and tests, the same for the same seed: cards of 2 to
 * 16 reviews whose memory follows FSRS-6 with its default parameters. The first grade is drawn
 * (20 % Again); each later review passes with the recall FSRS predicts after the gap (then 10 % Hard,
 * 8 % Easy); after an Again, half the cards are seen again the same day; otherwise the next gap is
 * 0.6–1.5 × the stability, at most ten years. Stops at exactly `reviews` reviews.
 */
export function syntheticHistories(reviews: number, seed = 1): OptimizerHistory[] {
  const random = mulberry32(seed)
  const fsrs = new FSRSAlgorithm(generatorParameters({ w: default_w, enable_fuzz: false }))
  const histories: OptimizerHistory[] = []
  let total = 0
  while (total < reviews) {
    const length = Math.min(reviews - total, 2 + Math.floor(random() * 15))
    const history: OptimizerHistory = []
    let state: FSRSState | null = null
    let deltaT = 0
    for (let i = 0; i < length; i++) {
      const rating = state ? laterGrade(random, fsrs.forgetting_curve(deltaT, state.stability)) : firstGrade(random)
      history.push({ rating, deltaT })
      state = fsrs.next_state(state, deltaT, rating)
      deltaT = rating === 1 && random() < 0.5 ? 0 : Math.min(3650, Math.max(1, Math.round(state.stability * (0.6 + random() * 0.9))))
    }
    histories.push(history)
    total += length
  }
  return histories
}

function firstGrade(random: () => number): 1 | 2 | 3 | 4 {
  const u = random()
  return u < 0.2 ? 1 : u < 0.28 ? 2 : u < 0.9 ? 3 : 4
}

function laterGrade(random: () => number, recall: number): 1 | 2 | 3 | 4 {
  if (random() >= recall) return 1
  const u = random()
  return u < 0.1 ? 2 : u < 0.92 ? 3 : 4
}
