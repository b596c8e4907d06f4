import { domainQuotas } from '@core/mock-exam/draw'
import { cardsToRelearn, mockExamResult, scoreMockExam } from '@core/mock-exam/score'
import {
  answerMockExamQuestion,
  checkMockExamTime,
  finishMockExamSession,
  isAnswered,
  settingsForExam,
  startMockExamSession,
  timeLeftMs,
  type MockExamSession
} from '@core/mock-exam/simulation'
import { Queue } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { blueprintOf } from '@shared/exam/blueprints'
import { describe, expect, it } from 'vitest'
import { ALL_DECK_IDS, BUILT_IN_DECK_IDS, questionSources, readDeck, studyCardsOf } from '../../../helpers/built-in-cards'
import { rightResponse, wrongResponse } from '../../../helpers/responses'

const cards = ALL_DECK_IDS.flatMap((id) => studyCardsOf(readDeck(id)))
const questions = questionSources()
const byKey = new Map(cards.map((c) => [c.id, c]))
const now = Date.UTC(2026, 2, 1, 9, 0)
const MINUTE = 60_000
const AIF = blueprintOf('AIF-C01')!
const MLA = blueprintOf('MLA-C02')!
const start = (seed: number, exam?: string, deckIds: readonly string[] = ALL_DECK_IDS, settings = {}) =>
  startMockExamSession({
    id: `exam-${seed}`,
    deckIds,
    cards,
    questions,
    random: mulberry32(seed),
    now,
    settings: { ...(exam ? settingsForExam(blueprintOf(exam)!) : {}), ...settings }
  })
const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())
const domainOf = (exam: string, tasks: string[]) =>
  tasks
    .find((t) => t.startsWith(`${exam} `))!
    .split(' ')[1]!
    .split('.')[0]!

/** Answers the first `right` questions right, the next `wrong` wrongly, and leaves the rest. */
function answer(exam: MockExamSession, right: number, wrong: number): MockExamSession {
  return exam.questions.reduce((e, q, i) => {
    if (i < right) return answerMockExamQuestion(e, i, rightResponse(q.shown), now + MINUTE)
    if (i < right + wrong) return answerMockExamQuestion(e, i, wrongResponse(q.shown), now + MINUTE)
    return e
  }, exam)
}

describe('a mock exam on an exam guide', () => {
  it('sits AIF-C01 as its guide says: 65 questions, 90 minutes, each domain in its share, every task statement asked', () => {
    // 20, 24, 28, 14 and 14 % of 65 questions, rounded so that they add up to 65.
    expect(Object.fromEntries(domainQuotas(AIF, 65))).toEqual({ '1': 13, '2': 16, '3': 18, '4': 9, '5': 9 })
    for (const seed of [1, 2, 3]) {
      const exam = start(seed, 'AIF-C01')
      expect(exam.questions).toHaveLength(65)
      expect(exam.endsAt - exam.startedAt).toBe(90 * MINUTE)
      expect(new Set(exam.questions.map((q) => `${q.deckId}/${q.shown.note.id}`)).size).toBe(65)
      expect(Object.fromEntries(countBy(exam.questions, (q) => domainOf('AIF-C01', q.tasks)))).toEqual({
        '1': 13,
        '2': 16,
        '3': 18,
        '4': 9,
        '5': 9
      })
      const asked = new Set(exam.questions.map((q) => q.tasks.find((t) => t.startsWith('AIF-C01 '))))
      expect(asked.size).toBe(AIF.domains.reduce((n, d) => n + d.tasks.length, 0))
      // The decks hold enough exam-style questions: none is made from a fact card, and several formats are asked.
      expect(exam.questions.filter((q) => q.fromCard)).toEqual([])
      expect(new Set(exam.questions.map((q) => q.shown.note.type)).size).toBeGreaterThanOrEqual(3)
    }
  })

  it('sits MLA-C02 with its own time and domain shares', () => {
    const exam = start(4, 'MLA-C02')
    expect(exam.questions).toHaveLength(MLA.delivery.questions)
    expect(exam.endsAt - exam.startedAt).toBe(MLA.delivery.minutes * MINUTE)
    const perDomain = countBy(exam.questions, (q) => domainOf('MLA-C02', q.tasks))
    for (const d of MLA.domains) expect(Math.abs(perDomain.get(d.id)! - (d.weight / 100) * 65), d.name).toBeLessThan(1)
  })

  it('keeps the questions of a case study together, right after one another', () => {
    for (const seed of [5, 6, 7, 8]) {
      const exam = start(seed, 'AIF-C01')
      const cases = exam.questions.map((q) => (q.shown.note.case ? `${q.deckId}/${q.shown.note.case}` : ''))
      for (const c of new Set(cases.filter(Boolean))) {
        const at = cases.flatMap((x, i) => (x === c ? [i] : []))
        expect(at.at(-1)! - at[0]!, c).toBe(at.length - 1)
        expect(exam.questions[at[0]!]!.shown.scenario, c).toBeTruthy()
      }
    }
  })

  it('gives a domain whose decks are left out no questions, and fills its places from the other domains', () => {
    const decks = ALL_DECK_IDS.filter((id) => id !== 'aif-c01-5-security-governance' && id !== 'aws-ml-services')
    const exam = start(9, 'AIF-C01', decks)
    const perDomain = countBy(exam.questions, (q) => domainOf('AIF-C01', q.tasks))
    expect(perDomain.get('5') ?? 0).toBe(0)
    expect(exam.questions).toHaveLength(65)
  })

  it('skips suspended cards and is the same for a seed', () => {
    const suspended = cards.map((c) => (c.deckId.startsWith('aif-c01-1') && c.noteType ? { ...c, queue: Queue.Suspended } : c))
    const exam = startMockExamSession({
      id: 'x',
      deckIds: ALL_DECK_IDS,
      cards: suspended,
      questions,
      random: mulberry32(5),
      now,
      settings: settingsForExam(AIF)
    })
    expect(exam.questions.filter((q) => q.deckId.startsWith('aif-c01-1') && !q.fromCard)).toEqual([])
    expect(start(11, 'AIF-C01')).toEqual(start(11, 'AIF-C01'))
    const keys = (e: MockExamSession) => new Set(e.questions.map((q) => q.cardKey))
    const a = keys(start(11, 'AIF-C01'))
    expect([...keys(start(12, 'AIF-C01'))].filter((k) => !a.has(k)).length).toBeGreaterThan(10)
  })
})

describe('a free-form mock exam over decks', () => {
  it('makes single-answer questions from fact cards, one per note, with options from related cards and their reasons', () => {
    const exam = start(1, undefined, BUILT_IN_DECK_IDS, { questionCount: 40 })
    expect(exam.questions.length).toBeGreaterThan(20)
    expect(new Set(exam.questions.map((q) => `${q.deckId}/${byKey.get(q.cardKey)!.cardId}`)).size).toBe(exam.questions.length)
    for (const q of exam.questions) {
      const card = byKey.get(q.cardKey)!
      expect(q.fromCard).toBe(true)
      expect(q.shown.note.type).toBe('single')
      expect(q.shown.note.stem).toBe(card.question)
      const options = q.shown.note.type === 'single' ? q.shown.note.options : []
      expect(options).toHaveLength(4)
      expect(options.filter((o) => o.correct).map((o) => o.text)).toEqual([card.answer])
      for (const o of options.filter((o) => !o.correct)) expect(o.why).toMatch(/^This answers another card: “.+”$/)
    }
    expect(new Set(exam.questions.map((q) => q.deckId)).size).toBe(3)
  })
})

describe('mock exam: time and answers', () => {
  it('runs for its minutes; answers after that are refused and the exam ends by time-out', () => {
    const exam = start(1, 'AIF-C01')
    expect(timeLeftMs(exam, now + 30 * MINUTE)).toBe(60 * MINUTE)
    const late = now + 91 * MINUTE
    expect(answerMockExamQuestion(exam, 0, rightResponse(exam.questions[0]!.shown), late)).toBe(exam)
    expect(checkMockExamTime(exam, now + 89 * MINUTE)).toBe(exam)
    expect(checkMockExamTime(exam, late)).toMatchObject({ finishedAt: exam.endsAt, finishedBy: 'time' })
    expect(finishMockExamSession(exam, late)).toMatchObject({ finishedAt: exam.endsAt, finishedBy: 'time' })
  })

  it('ends when the user finishes; later answers and a second finish change nothing', () => {
    const done = finishMockExamSession(answer(start(1, 'AIF-C01'), 3, 0), now + 20 * MINUTE)
    expect(done).toMatchObject({ finishedAt: now + 20 * MINUTE, finishedBy: 'user' })
    expect(answerMockExamQuestion(done, 5, [0], now + 21 * MINUTE)).toBe(done)
    expect(finishMockExamSession(done, now + 25 * MINUTE)).toBe(done)
    expect(timeLeftMs(done, now + 21 * MINUTE)).toBe(0)
  })

  it('lets an answer be changed or cleared, counts only complete answers, and refuses parts that do not exist', () => {
    const exam = start(1, 'AIF-C01')
    const changed = answerMockExamQuestion(answerMockExamQuestion(exam, 0, [1], now), 0, [3], now)
    expect(changed.responses[0]).toEqual([3])
    expect(answerMockExamQuestion(changed, 0, null, now).responses[0]).toBeNull()
    expect(answerMockExamQuestion(exam, 0, [9], now)).toBe(exam)
    expect(answerMockExamQuestion(exam, 65, [0], now)).toBe(exam)
    const multiple = exam.questions.findIndex((q) => q.shown.note.type === 'multiple')
    const half = answerMockExamQuestion(exam, multiple, [rightResponse(exam.questions[multiple]!.shown)[0]!], now)
    expect(isAnswered(half, multiple)).toBe(false)
    expect(isAnswered(answer(exam, 65, 0), multiple)).toBe(true)
  })
})

describe('mock exam: score and history', () => {
  it('scores on the exam scale and passes AIF-C01 at 700: 44 of 65 right passes, 43 does not', () => {
    // A straight line from 100 (none right) to 1000 (all right): 44/65 → 709, 43/65 → 695.
    expect(scoreMockExam(answer(start(2, 'AIF-C01'), 44, 21))).toMatchObject({
      correct: 44,
      score: 67.7,
      scaledScore: 709,
      passingScore: 700,
      passed: true
    })
    expect(scoreMockExam(answer(start(2, 'AIF-C01'), 43, 22))).toMatchObject({ correct: 43, scaledScore: 695, passed: false })
    expect(scoreMockExam(answer(start(2, 'AIF-C01'), 65, 0))).toMatchObject({ scaledScore: 1000, passed: true })
    expect(scoreMockExam(start(2, 'AIF-C01'))).toMatchObject({ answered: 0, scaledScore: 100, passed: false })
  })

  it('passes a free-form exam at its pass mark exactly, and not one question below it', () => {
    const exam = start(2, undefined, BUILT_IN_DECK_IDS, { questionCount: 25 })
    expect(scoreMockExam(answer(exam, 18, 7))).toMatchObject({ total: 25, answered: 25, correct: 18, score: 72, passed: true })
    expect(scoreMockExam(answer(exam, 17, 8))).toMatchObject({ correct: 17, score: 68, passed: false })
  })

  it('breaks the score down by domain and task statement, and lists the missed questions', () => {
    const exam = answer(start(3, 'AIF-C01'), 40, 20)
    const score = scoreMockExam(exam)
    expect(score.byDomain.map((d) => [d.key, d.weight, d.total])).toEqual([
      ['1', 20, 13],
      ['2', 24, 16],
      ['3', 28, 18],
      ['4', 14, 9],
      ['5', 14, 9]
    ])
    for (const d of score.byDomain) {
      const mine = exam.questions.map((q, i) => ({ q, i })).filter(({ q }) => domainOf('AIF-C01', q.tasks) === d.key)
      expect(d.correct).toBe(mine.filter(({ i }) => i < 40).length)
    }
    expect(score.byTask.reduce((n, t) => n + t.total, 0)).toBe(65)
    expect(score.missed).toEqual(Array.from({ length: 25 }, (_, i) => 40 + i))
  })

  it('records a result for the history that survives JSON, with the domains, and selects the missed cards for relearning', () => {
    const finished = finishMockExamSession(answer(start(6, 'AIF-C01'), 50, 10), now + 80 * MINUTE)
    const record = mockExamResult(finished)
    expect(JSON.parse(JSON.stringify(record))).toEqual(record)
    expect(record).toMatchObject({
      id: 'exam-6',
      exam: 'AIF-C01',
      finishedAt: now + 80 * MINUTE,
      finishedBy: 'user',
      total: 65,
      correct: 50,
      score: 76.9,
      scaledScore: 792,
      passed: true
    })
    expect(record.byDomain!.reduce((n, d) => n + d.correct, 0)).toBe(50)
    expect(record.missedCardKeys).toEqual(finished.questions.slice(50).map((q) => q.cardKey))
    expect(cardsToRelearn(record)).toEqual(record.missedCardKeys)
    expect(cardsToRelearn({ missedCardKeys: ['a', 'b', 'a'] })).toEqual(['a', 'b'])
  })
})
