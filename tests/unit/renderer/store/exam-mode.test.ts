import { applyExamMode, examModeAfterGrade } from '@core/exam-plan/scheduling'
import { type CardRecord, DEFAULT_STUDY_OPTIONS, type ExamPlan } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { countDueOnDays, loadExamMode, putExamPlan } from '@db/exam-plan-repository'
import { recordReview } from '@db/study-repository'
import { Rating } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { cardRecord, local, useTimeZone } from '../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

const DAY = 86_400_000
const now = local(2026, 9, 1, 9) // Tuesday 1 September
const examDate = local(2026, 9, 21, 9) // 20 study days away; the final window is 14–20 September
const exam: ExamPlan = { id: 'mla', name: 'MLA-C01', date: examDate, deckIds: ['aws', 'other'], examMode: true, targetRecall: 0.9 }
const scheduler = createScheduler({ ...DEFAULT_STUDY_OPTIONS, enable_fuzz: false }, DEFAULT_DAY_STARTS_AT_HOUR)

/** Review cards due today whose next Good interval reaches far past the exam. */
const strongCards = (n: number, deckId = 'aws'): CardRecord[] =>
  Array.from({ length: n }, (_, i) =>
    cardRecord({ id: `${deckId}/c${i}`, deckId, due: now - 3_600_000, stability: 60, scheduled_days: 60, last_review: now - 60 * DAY })
  )

async function setup(cards: CardRecord[], record: ExamPlan = exam) {
  const db = freshDatabase()
  await db.cards.bulkPut(cards)
  await putExamPlan(db, record)
  return db
}

describe('exam mode in the study session', () => {
  it('pulls a Good past the exam into the final week, and leaves grades due before it alone', async () => {
    // Two cards of the exam's other deck are already due on the 14th: that day is not the least busy.
    const busy = [0, 1].map((i) => cardRecord({ id: `other/b${i}`, deckId: 'other', due: local(2026, 9, 14, 10) }))
    const db = await setup([...strongCards(1), ...busy])
    const session = (await loadExamMode(db, 'aws', now, 4))!
    expect(session.window.map((d) => new Date(d.start).getDate())).toEqual([14, 15, 16, 17, 18, 19, 20])
    expect(session.windowLoad).toEqual([2, 0, 0, 0, 0, 0, 0])

    const card = (await db.cards.get('aws/c0'))!
    const plain = previewGrades(scheduler, card, now)
    expect(plain[Rating.Good].next.due).toBeGreaterThan(examDate)
    const shown = applyExamMode(plain, card.id, now, session)
    const good = shown[Rating.Good].next
    expect(good.due).toBeLessThan(studyDayOf(examDate, 4).start)
    expect(good.due).toBeGreaterThanOrEqual(session.window[1]!.start)
    expect(new Date(good.due).getHours()).toBe(9)
    // Again relearns in minutes: nothing to move.
    expect(shown[Rating.Again]).toBe(plain[Rating.Again])
    // What the log records (the card before the grade) is FSRS's own.
    expect(shown[Rating.Good].log).toBe(plain[Rating.Good].log)
  })

  it('keeps the final week level as grades are saved, and its loads match the database', async () => {
    const db = await setup(strongCards(21))
    let session = await loadExamMode(db, 'aws', now, 4)
    let at = now
    for (let i = 0; i < 21; i++) {
      const card = (await db.cards.get(`aws/c${i}`))!
      const outcome = applyExamMode(previewGrades(scheduler, card, at), card.id, at, session)[Rating.Good]
      const saved = await recordReview(db, card, outcome, 3_000)
      session = examModeAfterGrade(session, card, saved.card)
      at += 10_000
    }
    expect(session!.windowLoad).toEqual([3, 3, 3, 3, 3, 3, 3])
    expect(await countDueOnDays(db, exam.deckIds, session!.window)).toEqual(session!.windowLoad)
  })

  it('is plain FSRS when exam mode is off, the deck is not in the exam, or the exam is over', async () => {
    const off = await setup(strongCards(1), { ...exam, examMode: false })
    expect(await loadExamMode(off, 'aws', now, 4)).toBeNull()
    const card = strongCards(1)[0]!
    const plain = previewGrades(scheduler, card, now)
    expect(applyExamMode(plain, card.id, now, null)).toBe(plain)

    const on = await setup(strongCards(1))
    expect(await loadExamMode(on, 'aws-ml-chips', now, 4)).toBeNull()
    expect(await loadExamMode(on, 'aws', examDate + 2 * DAY, 4)).toBeNull()
    expect(examModeAfterGrade(null, card, card)).toBeNull()
  })

  it('follows the soonest exam of the deck that has exam mode on', async () => {
    const db = await setup(strongCards(1))
    await putExamPlan(db, { ...exam, id: 'later', date: examDate + 30 * DAY })
    await putExamPlan(db, { ...exam, id: 'sooner-off', date: examDate - 5 * DAY, examMode: false })
    expect((await loadExamMode(db, 'aws', now, 4))?.examId).toBe('mla')
  })

  it('keeps FSRS’s due for a grade in the final week, even with a session opened before it', async () => {
    const db = await setup(strongCards(1))
    const session = (await loadExamMode(db, 'aws', now, 4))!
    const card = strongCards(1)[0]!
    const inFinalWeek = local(2026, 9, 15, 9)
    const plain = previewGrades(scheduler, card, inFinalWeek)
    expect(plain[Rating.Good].next.due).toBeGreaterThan(examDate)
    expect(applyExamMode(plain, card.id, inFinalWeek, session)).toBe(plain)
  })
})
