import { addRecall, emptyRecallSum, toRecallEstimate, type RecallEstimate, type RecallSum } from '@core/exam-plan/recall-estimate'
import { Queue, type CardRecord } from '@core/model'
import type { Accumulator } from '@core/stats/accumulator'
import { retrievabilityAt } from '@core/stats/retrievability'
import { default_w } from 'ts-fsrs'

export type ExamRecallCard = Pick<CardRecord, 'queue' | 'state' | 'stability' | 'last_review' | 'tags'>

export interface ExamRecallSums {
  all: RecallSum
  byTag: Map<string, RecallSum>
}

/**
 * Recall on exam day if nothing more were studied: each card's FSRS retrievability at `examAt`
 * (the exam's start), a never-studied card counting as 0. Suspended cards are still examined, so
 * they count; cards gone from their deck file do not. Feed it the exam's cards, any order.
 */
export function createExamRecallAccumulator(params: {
  examAt: number
  w?: readonly number[]
}): Accumulator<ExamRecallCard, ExamRecallSums> {
  const w = params.w ?? default_w
  const all = emptyRecallSum()
  const byTag = new Map<string, RecallSum>()
  return {
    add(card) {
      if (card.queue === Queue.Removed) return
      const p = retrievabilityAt(card, params.examAt, w)
      addRecall(all, p)
      for (const tag of new Set(card.tags)) {
        let sum = byTag.get(tag)
        if (!sum) byTag.set(tag, (sum = emptyRecallSum()))
        addRecall(sum, p)
      }
    },
    result: () => ({ all, byTag })
  }
}

export interface TopicReadiness extends RecallEstimate {
  tag: string
}

/** Readiness by topic, weakest first: what to revise. Ties keep tag order for a stable list. */
export function buildTopicReadiness(sums: ExamRecallSums): TopicReadiness[] {
  return [...sums.byTag.entries()]
    .map(([tag, sum]) => ({ tag, ...toRecallEstimate(sum) }))
    .sort((a, b) => a.mean - b.mean || a.tag.localeCompare(b.tag))
}
