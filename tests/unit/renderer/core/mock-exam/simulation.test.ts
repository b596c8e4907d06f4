import { cardsToRelearn, mockExamResult, scoreMockExam } from '@core/mock-exam/score'
import {
  answerMockExamQuestion,
  checkMockExamTime,
  finishMockExamSession,
  startMockExamSession,
  timeLeftMs,
  type MockExamSession
} from '@core/mock-exam/simulation'
import { Queue } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { describe, expect, it } from 'vitest'
import { BUILT_IN_DECK_IDS, builtInCards, readDeck } from '../../../helpers/built-in-cards'

const cards = builtInCards()
const byKey = new Map(cards.map((c) => [c.id, c]))
const now = Date.UTC(2026, 2, 1, 9, 0)
const MINUTE = 60_000
const start = (seed: number, deckIds: readonly string[] = BUILT_IN_DECK_IDS, settings = {}) =>
  startMockExamSession({ id: `exam-${seed}`, deckIds, cards, random: mulberry32(seed), now, settings })
const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())

/** Answers the first `right` questions correctly, the next `wrong` wrongly, and leaves the rest. */
function answer(exam: MockExamSession, right: number, wrong: number): MockExamSession {
  return exam.questions.reduce((e, q, i) => {
    if (i < right) return answerMockExamQuestion(e, i, q.choice.correctIndex, now + MINUTE)
    if (i < right + wrong) return answerMockExamQuestion(e, i, (q.choice.correctIndex + 1) % q.choice.options.length, now + MINUTE)
    return e
  }, exam)
}

describe('mock exam: drawing the questions', () => {
  it('draws 65 different cards from the three decks, one direction each, spread evenly over decks and topics', () => {
    for (const seed of [1, 2, 3]) {
      const exam = start(seed)
      expect(exam.questions).toHaveLength(65)
      const drawn = exam.questions.map((q) => byKey.get(q.cardKey)!)
      expect(new Set(drawn.map((c) => `${c.deckId}/${c.cardId}`)).size).toBe(65)
      // The chips deck has fewer notes than its share, so all of them are asked; the other two share the rest evenly.
      const chipNotes = readDeck('aws-ml-chips').notes.length
      const perDeck = countBy(drawn, (c) => c.deckId)
      expect(perDeck.get('aws-ml-chips')).toBe(chipNotes)
      expect(Math.abs(perDeck.get('aws-ml-pipeline')! - perDeck.get('aws-ml-services')!)).toBeLessThanOrEqual(1)
      const serviceTopics = new Set(drawn.filter((c) => c.deckId === 'aws-ml-services').map((c) => c.tags[0]))
      expect(serviceTopics.size).toBe(new Set(readDeck('aws-ml-services').notes.map((n) => n.tags[0])).size)
      expect(drawn.some((c) => c.reverse) && drawn.some((c) => !c.reverse)).toBe(true)
    }
  })

  it('makes each question a four-option multiple choice whose right option is the card answer', () => {
    for (const q of start(4).questions) {
      const card = byKey.get(q.cardKey)!
      expect(q.question).toBe(card.question)
      expect(q.choice.options).toHaveLength(4)
      expect(q.choice.options[q.choice.correctIndex]!.text).toBe(card.answer)
    }
  })

  it('is the same for a seed, and another seed draws another exam', () => {
    expect(start(9)).toEqual(start(9))
    const keys = (e: MockExamSession) => new Set(e.questions.map((q) => q.cardKey))
    const a = keys(start(9))
    expect([...keys(start(10))].filter((k) => !a.has(k)).length).toBeGreaterThan(10)
  })

  it('takes only the chosen decks, skips suspended cards, and is shorter when there are not enough cards', () => {
    const chips = start(5, ['aws-ml-chips'])
    const chipNotes = readDeck('aws-ml-chips').notes.length
    expect(chips.questions).toHaveLength(chipNotes)
    expect(chips.questions.every((q) => q.deckId === 'aws-ml-chips')).toBe(true)
    const suspended = cards.map((c) => (c.cardId === 'nvidia-gpus' ? { ...c, queue: Queue.Suspended } : c))
    const exam = startMockExamSession({ id: 'x', deckIds: ['aws-ml-chips'], cards: suspended, random: mulberry32(5), now })
    expect(exam.questions.map((q) => q.cardKey).some((k) => k.includes('/nvidia-gpus'))).toBe(false)
    expect(exam.questions).toHaveLength(chipNotes - 1)
  })
})

describe('mock exam: time', () => {
  it('runs for 130 minutes; answers after that are refused and the exam ends by time-out when time ran out', () => {
    const exam = start(1)
    expect(exam.endsAt - exam.startedAt).toBe(130 * MINUTE)
    expect(timeLeftMs(exam, now + 30 * MINUTE)).toBe(100 * MINUTE)
    const late = now + 131 * MINUTE
    expect(answerMockExamQuestion(exam, 0, 0, late)).toBe(exam)
    expect(checkMockExamTime(exam, now + 129 * MINUTE)).toBe(exam)
    expect(checkMockExamTime(exam, late)).toMatchObject({ finishedAt: exam.endsAt, finishedBy: 'time' })
    expect(finishMockExamSession(exam, late)).toMatchObject({ finishedAt: exam.endsAt, finishedBy: 'time' })
  })

  it('ends when the user finishes; later answers and a second finish change nothing', () => {
    const done = finishMockExamSession(answer(start(1), 3, 0), now + 20 * MINUTE)
    expect(done).toMatchObject({ finishedAt: now + 20 * MINUTE, finishedBy: 'user' })
    expect(answerMockExamQuestion(done, 5, 0, now + 21 * MINUTE)).toBe(done)
    expect(finishMockExamSession(done, now + 25 * MINUTE)).toBe(done)
    expect(timeLeftMs(done, now + 21 * MINUTE)).toBe(0)
  })

  it('lets an answer be changed or cleared, and refuses options that do not exist', () => {
    const exam = start(1)
    const changed = answerMockExamQuestion(answerMockExamQuestion(exam, 0, 1, now), 0, 3, now)
    expect(changed.answers[0]).toBe(3)
    expect(answerMockExamQuestion(changed, 0, null, now).answers[0]).toBeNull()
    expect(answerMockExamQuestion(exam, 0, 4, now)).toBe(exam)
    expect(answerMockExamQuestion(exam, 65, 0, now)).toBe(exam)
  })
})

describe('mock exam: score and history', () => {
  it('passes at the pass mark exactly, and not one question below it', () => {
    const exam = start(2, BUILT_IN_DECK_IDS, { questionCount: 25 })
    expect(scoreMockExam(answer(exam, 18, 7))).toMatchObject({ total: 25, answered: 25, correct: 18, score: 72, passed: true })
    expect(scoreMockExam(answer(exam, 17, 8))).toMatchObject({ correct: 17, score: 68, passed: false })
    // 47 of 65 is 72.3 %, 46 is 70.8 %.
    expect(scoreMockExam(answer(start(2), 47, 0))).toMatchObject({ score: 72.3, passed: true, answered: 47 })
    expect(scoreMockExam(answer(start(2), 46, 19))).toMatchObject({ score: 70.8, passed: false })
  })

  it('lists the missed questions with their right answers, unanswered ones included', () => {
    const exam = answer(start(3), 60, 3)
    const { missed } = scoreMockExam(exam)
    expect(missed).toHaveLength(5)
    for (const m of missed) expect(m.rightAnswer).toBe(byKey.get(m.cardKey)!.answer)
    expect(missed.slice(0, 3).every((m) => m.chosen !== undefined && m.chosen !== m.rightAnswer)).toBe(true)
    expect(missed.slice(3).every((m) => m.chosen === undefined)).toBe(true)
  })

  it('breaks the score down by tag, weakest first', () => {
    const exam = answer(start(3), 40, 25)
    const { byTag } = scoreMockExam(exam)
    const tagCount = exam.questions.reduce((n, q) => n + q.tags.length, 0)
    expect(byTag.reduce((n, t) => n + t.total, 0)).toBe(tagCount)
    expect(byTag.map((t) => t.percent)).toEqual([...byTag.map((t) => t.percent)].sort((a, b) => a - b))
    for (const t of byTag) {
      const qs = exam.questions.map((q, i) => ({ q, i })).filter(({ q }) => q.tags.includes(t.tag))
      expect(t.total).toBe(qs.length)
      expect(t.correct).toBe(qs.filter(({ q, i }) => exam.answers[i] === q.choice.correctIndex).length)
    }
  })

  it('records a result for the history that survives JSON, and selects the missed cards for relearning', () => {
    const finished = finishMockExamSession(answer(start(6), 50, 10), now + 90 * MINUTE)
    const record = mockExamResult(finished)
    expect(JSON.parse(JSON.stringify(record))).toEqual(record)
    expect(record).toMatchObject({
      id: 'exam-6',
      startedAt: now,
      finishedAt: now + 90 * MINUTE,
      finishedBy: 'user',
      deckIds: [...BUILT_IN_DECK_IDS],
      total: 65,
      correct: 50,
      score: 76.9,
      passMarkPercent: 72,
      passed: true
    })
    expect(record.missedCardKeys).toEqual(finished.questions.slice(50).map((q) => q.cardKey))
    expect(cardsToRelearn(record)).toEqual(record.missedCardKeys)
    expect(cardsToRelearn({ missedCardKeys: ['a', 'b', 'a'] })).toEqual(['a', 'b'])
  })
})
