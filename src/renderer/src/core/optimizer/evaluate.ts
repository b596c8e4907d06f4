import type { OptimizerHistory } from '@shared/optimizer'
import { FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs'

export interface Evaluation {
  /** Mean binary cross-entropy of the predicted recall on each later-day review (lower is better). */
  logLoss: number
  /** Root mean square error between predicted and actual recall, over 20 bins of prediction. */
  rmseBins: number
  reviews: number
}

const BINS = 20
const EPSILON = 1e-6

/**
 * How well a parameter set predicts a history: replay each card's memory state with FSRS and, at
 * each review on a later day, compare the predicted recall with what happened (pass = not Again).
 */
export function evaluateParameters(w: readonly number[], histories: readonly OptimizerHistory[]): Evaluation {
  const evaluation = startEvaluation(w, histories)
  evaluation.step(histories.length)
  return evaluation.result()
}

/** An evaluation done a slice of cards at a time, so a caller can pause between slices, show how far it is and stop. */
export interface SteppedEvaluation {
  /** Replays up to `cards` more cards; false once every card is done. */
  step(cards: number): boolean
  /** Cards replayed so far, of `total`. */
  readonly done: number
  readonly total: number
  result(): Evaluation
}

export function startEvaluation(w: readonly number[], histories: readonly OptimizerHistory[]): SteppedEvaluation {
  const algorithm = new FSRSAlgorithm(generatorParameters({ w }))
  const bins = Array.from({ length: BINS }, () => ({ n: 0, predicted: 0, actual: 0 }))
  let loss = 0
  let reviews = 0
  let done = 0
  return {
    step(cards) {
      const end = Math.min(histories.length, done + cards)
      for (; done < end; done++) {
        let state: FSRSState | null = null
        for (const { rating, deltaT } of histories[done]!) {
          if (state && deltaT > 0) {
            const p = Math.min(1 - EPSILON, Math.max(EPSILON, algorithm.forgetting_curve(deltaT, state.stability)))
            const y = rating > 1 ? 1 : 0
            loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p)
            const bin = bins[Math.min(BINS - 1, Math.floor(p * BINS))]!
            bin.n++
            bin.predicted += p
            bin.actual += y
            reviews++
          }
          state = algorithm.next_state(state, deltaT, rating)
        }
      }
      return done < histories.length
    },
    get done() {
      return done
    },
    total: histories.length,
    result() {
      let squared = 0
      for (const bin of bins) if (bin.n > 0) squared += bin.n * (bin.predicted / bin.n - bin.actual / bin.n) ** 2
      return { logLoss: reviews ? loss / reviews : 0, rmseBins: reviews ? Math.sqrt(squared / reviews) : 0, reviews }
    }
  }
}
