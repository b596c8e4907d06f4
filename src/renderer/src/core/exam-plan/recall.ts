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
      if (card.queue !== Queue.Removed) addCardRecall({ all, byTag }, card.tags, retrievabilityAt(card, params.examAt, w))
    },
    result: () => ({ all, byTag })
  }
}

/** Counts a card of recall `p` in the sums, once in each of its tags (a tag written twice counts once). */
export function addCardRecall(sums: ExamRecallSums, tags: readonly string[], p: number): void {
  addRecall(sums.all, p)
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!
    // Not a Set per card: a card has a tag or two, and this runs for every card of the exam.
    if (tags.indexOf(tag) < i) continue
    let sum = sums.byTag.get(tag)
    if (!sum) sums.byTag.set(tag, (sum = emptyRecallSum()))
    addRecall(sum, p)
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
