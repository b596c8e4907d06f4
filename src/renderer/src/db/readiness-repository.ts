import type { ExamPlan } from '@core/model'
import type { ReviewEvidence } from '@core/readiness/calibration'
import type { ReadinessCard } from '@core/readiness/exam-readiness'
import { forgettingCurve } from '@core/stats/retrievability'
import { cardsOfColumns, readCardColumns } from '@db/card-columns'
import type { RecallDatabase } from '@db/database'
import { DAY_MS } from '@shared/durations'
import Dexie from 'dexie'
import { Rating, State } from 'ts-fsrs'

/** The latest graded reviews the calibration reads: enough to pin it down, few enough to read at once. */
const EVIDENCE_REVIEWS = 4000

export interface ReadinessData {
  cards: ReadinessCard[]
  evidence: ReviewEvidence[]
}

/**
 * What the exam readiness needs: every card of the exam's decks with its task statements, type and
 * memory state (from the card columns, never the text), and the latest graded reviews of cards in
 * the review state, each with the recall FSRS predicted for it: a review log holds the stability
 * before the answer and, in `due`, the time of the review before.
 */
export async function loadReadinessData(db: RecallDatabase, exam: ExamPlan, w: readonly number[]): Promise<ReadinessData> {
  const columns = await readCardColumns(db, exam.deckIds)
  const cards = columns.flatMap((c) => cardsOfColumns(c))
  const taskOf = new Map(cards.flatMap((c) => (c.tasks?.length ? [[c.id, c.tasks[0]!] as const] : [])))
  const recent = await Promise.all(
    exam.deckIds.map((deckId) =>
      db.reviews
        .where('[deckId+review]')
        .between([deckId, Dexie.minKey], [deckId, Dexie.maxKey])
        .reverse()
        .filter((r) => r.state === State.Review && r.rating !== Rating.Manual && r.stability > 0 && r.review > r.due)
        .limit(EVIDENCE_REVIEWS)
        .toArray()
    )
  )
  const evidence = recent
    .flat()
    .sort((a, b) => b.review - a.review)
    .slice(0, EVIDENCE_REVIEWS)
    .map((r) => {
      const task = taskOf.get(r.cardKey)
      return {
        predicted: forgettingCurve(w, (r.review - r.due) / DAY_MS, r.stability),
        recalled: r.rating !== Rating.Again,
        ...(task ? { task } : {})
      }
    })
  return { cards, evidence }
}
