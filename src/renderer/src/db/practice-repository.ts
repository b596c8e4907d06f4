import type { ExamCard } from '@core/mock-exam/questions'
import { Queue, type CardRecord, type MockExamResult, type ReviewRecord } from '@core/model'
import type { CustomStudyCard } from '@core/practice/custom-study'
import { studyDayStart } from '@core/time/study-day'
import type { UndoEntry } from '@db/card-actions'
import type { RecallDatabase } from '@db/database'
import Dexie from 'dexie'
import { Rating, State } from 'ts-fsrs'

/**
 * Reads and writes of the practice modes: multiple choice, exam simulations and custom study.
 * Which cards to ask and how to score them is decided in core/practice; this file only fetches
 * the candidates through the indexes and applies the result in one transaction.
 */

/**
 * What a question and its wrong options need. Scheduling fields are dropped so that a deck's
 * pool, held for a whole session, costs a few hundred bytes a card.
 */
function toQuestionCard(c: CardRecord): ExamCard {
  return {
    id: c.id,
    deckId: c.deckId,
    cardId: c.cardId,
    reverse: c.reverse,
    question: c.question,
    answer: c.answer,
    tags: c.tags,
    queue: c.queue,
    ...(c.extra ? { extra: c.extra } : {}),
    ...(c.tasks ? { tasks: c.tasks } : {}),
    ...(c.kind ? { kind: c.kind } : {}),
    ...(c.confusable ? { confusable: c.confusable } : {}),
    ...(c.noteType ? { noteType: c.noteType } : {}),
    ...(c.cloze !== undefined ? { cloze: c.cloze } : {})
  }
}

/** Every study card of the decks, both directions: the questions of an exam and the pool of wrong options. */
export async function loadChoicePool(db: RecallDatabase, deckIds: readonly string[]): Promise<ExamCard[]> {
  const pool: ExamCard[] = []
  if (deckIds.length === 0) return pool
  await db.cards
    .where('deckId')
    .anyOf([...deckIds])
    .each((c) => void pool.push(toQuestionCard(c)))
  return pool
}

export interface RelearnResult {
  /** Puts the cards back as they were and deletes the Manual rows. */
  undo: UndoEntry
  /** Cards now due in (re)learning. */
  relearning: number
  /** Cards left as they were: never studied (they come with the new cards), suspended or gone from their deck. */
  leftAlone: number
}

/**
 * Makes studied cards due now in relearning, as if forgotten, without inventing a grade: their
 * memory state is kept, and the next real answer is scheduled by FSRS from it. A Manual
 * 'reschedule' row per card tells the history why the card came back. New cards stay new: a
 * learning state without a first grade would mislead the daily limits and the optimizer.
 */
export async function sendToRelearning(db: RecallDatabase, cardKeys: readonly string[], now: number): Promise<RelearnResult> {
  return db.transaction('rw', db.cards, db.reviews, async () => {
    const found = (await db.cards.bulkGet([...new Set(cardKeys)])).filter((c): c is CardRecord => c !== undefined)
    const studied = found.filter((c) => c.state !== State.New && c.queue !== Queue.Suspended && c.queue !== Queue.Removed)
    await db.cards.bulkPut(studied.map((c) => relearnNow(c, now)))
    const logIds = (await db.reviews.bulkAdd(
      studied.map((c) => manualRow(c, now)),
      { allKeys: true }
    )) as number[]
    return {
      undo: { label: 'Send to relearning', before: studied, addedLogIds: logIds },
      relearning: studied.length,
      leftAlone: cardKeys.length - studied.length
    }
  })
}

function relearnNow(card: CardRecord, now: number): CardRecord {
  const next: CardRecord = { ...card, due: now, queue: Queue.Learning }
  if (card.state === State.Review) Object.assign(next, { state: State.Relearning, learning_steps: 0, scheduled_days: 0 })
  delete next.buriedUntil
  return next
}

/** Shaped like ts-fsrs's own Manual log (as `forget` writes it): the card as it was before. */
function manualRow(card: CardRecord, now: number): ReviewRecord {
  return {
    rating: Rating.Manual,
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    last_elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    review: now,
    manual: 'reschedule',
    cardKey: card.id,
    deckId: card.deckId,
    duration: 0
  }
}

export async function saveMockExamResult(db: RecallDatabase, record: MockExamResult): Promise<void> {
  await db.simulations.put(record)
}

/** The latest simulations, oldest first (for a chart over time); read through the finishedAt index. */
export async function recentMockExams(db: RecallDatabase, limit = 50): Promise<MockExamResult[]> {
  const latest = await db.simulations.orderBy('finishedAt').reverse().limit(limit).toArray()
  return latest.reverse()
}

const toCustomCard = (c: CardRecord): CustomStudyCard => ({
  id: c.id,
  deckId: c.deckId,
  ord: c.ord,
  tags: c.tags,
  queue: c.queue,
  state: c.state,
  due: c.due
})

export interface CustomScopeInput {
  deckIds: readonly string[]
  now: number
  dayStartsAtHour: number
}

export type CandidateRequest =
  { kind: 'review-ahead'; days: number } | { kind: 'tags' } | { kind: 'forgotten'; days: number } | { kind: 'preview-new'; count: number }

/**
 * The cards `selectCustomStudy` may choose from, read through the narrowest index for each kind:
 * review cards by [deckId+queue+due] in the days ahead, new cards by [deckId+queue+ord], and
 * recent Again grades by [deckId+review]. Selection by tag has no index and reads the decks' cards.
 * For 'forgotten' the Again grades come back too, for `forgottenCardKeys`.
 */
export async function customStudyCandidates(
  db: RecallDatabase,
  request: CandidateRequest,
  scope: CustomScopeInput
): Promise<{ cards: CustomStudyCard[]; againReviews: Pick<ReviewRecord, 'cardKey' | 'rating' | 'review'>[] }> {
  const cards: CustomStudyCard[] = []
  const againReviews: Pick<ReviewRecord, 'cardKey' | 'rating' | 'review'>[] = []
  const add = (c: CardRecord) => void cards.push(toCustomCard(c))
  const day = (offset: number) => studyDayStart(scope.now, offset, scope.dayStartsAtHour)
  for (const deckId of scope.deckIds) {
    switch (request.kind) {
      case 'review-ahead':
        // The same window selectCustomStudy applies; reading only it keeps a big deck cheap.
        await db.cards
          .where('[deckId+queue+due]')
          .between([deckId, Queue.Review, day(1)], [deckId, Queue.Review, day(1 + Math.max(0, Math.floor(request.days)))])
          .each(add)
        break
      case 'preview-new':
        await db.cards
          .where('[deckId+queue+ord]')
          .between([deckId, Queue.New, Dexie.minKey], [deckId, Queue.New, Dexie.maxKey])
          .limit(Math.max(0, Math.floor(request.count)))
          .each(add)
        break
      case 'tags':
        await db.cards.where('deckId').equals(deckId).each(add)
        break
      case 'forgotten':
        await db.reviews
          .where('[deckId+review]')
          .between([deckId, day(1 - Math.max(1, Math.floor(request.days)))], [deckId, scope.now], true, true)
          .each((r) => void (r.rating === Rating.Again && againReviews.push({ cardKey: r.cardKey, rating: r.rating, review: r.review })))
        break
    }
  }
  if (request.kind === 'forgotten') {
    const keys = [...new Set(againReviews.map((r) => r.cardKey))]
    for (const c of await db.cards.bulkGet(keys)) if (c) add(c)
  }
  return { cards, againReviews }
}

/** The tags used in the decks, for the tag picker of custom study. */
export async function tagsOfDecks(db: RecallDatabase, deckIds: readonly string[]): Promise<string[]> {
  const tags = new Set<string>()
  if (deckIds.length > 0)
    await db.cards
      .where('deckId')
      .anyOf([...deckIds])
      .each((c) => c.tags.forEach((t) => tags.add(t)))
  return [...tags].sort((a, b) => a.localeCompare(b))
}
