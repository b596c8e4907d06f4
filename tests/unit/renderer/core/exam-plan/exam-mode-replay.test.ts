import { adjustForExam, examModeWindow, FINAL_WINDOW_DAYS, type ExamModeSettings } from '@core/exam-plan/exam-mode'
import { DEFAULT_STUDY_OPTIONS, type SchedulingState } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { dayLoadsOf, moveLoad, type ReviewLoad } from '@core/scheduling/load-balance'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDaysAhead } from '@core/time/study-day'
import { Rating, State, type Grade } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'
import { local, useTimeZone } from '../../../helpers/review-records'

useTimeZone('Europe/London', afterAll)

/** mulberry32: a tiny seeded generator, so the "random" grades are the same on every run. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CARDS = 300
const STUDY_DAYS = 50
const start = local(2026, 9, 1, 9) // the run crosses the October clock change
const days = studyDaysAhead(start, STUDY_DAYS + 1, 4)
const examDay = days[STUDY_DAYS]!
const examDate = examDay.start + 5 * 3_600_000
const finalWindowStart = days[STUDY_DAYS - FINAL_WINDOW_DAYS]!.start

interface Card {
  id: string
  state: SchedulingState
  seen: boolean
}

/**
 * Seven weeks of daily study, 20 new cards a day, grades drawn 10 % Again, 15 % Hard, 65 % Good,
 * 10 % Easy, scheduled by ts-fsrs with the app's defaults (fuzz on). Every grade goes through
 * exam mode, with the window's loads counted as the db would count them.
 */
function replay(exam: ExamModeSettings) {
  const random = seededRandom(7)
  const grade = (): Grade => {
    const x = random()
    return x < 0.1 ? Rating.Again : x < 0.25 ? Rating.Hard : x < 0.9 ? Rating.Good : Rating.Easy
  }
  const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
  const cards: Card[] = Array.from({ length: CARDS }, (_, i) => ({ id: `aws/c${i}`, state: newSchedulingState(start), seen: false }))
  const grades: Array<{ at: number; proposed: SchedulingState; stored: SchedulingState }> = []
  let loadsAtFinalWindow: number[] = []
  let reviewLoad: ReviewLoad = new Map()
  const reviewDay = (state: SchedulingState) => (state.state === State.Review ? scheduler.clock.dayNumber(state.due) : undefined)
  const dueOn = (day: { start: number; end: number }) =>
    cards.filter((c) => c.seen && c.state.due >= day.start && c.state.due < day.end).length

  for (let d = 0; d < STUDY_DAYS; d++) {
    const day = days[d]!
    if (day.start === finalWindowStart) loadsAtFinalWindow = days.slice(d, STUDY_DAYS).map(dueOn)
    const session = day.start + 5 * 3_600_000
    const due = cards.filter((c) => c.seen && c.state.due < day.end)
    const fresh = cards.filter((c) => !c.seen).slice(0, DEFAULT_STUDY_OPTIONS.newCardsPerDay)
    for (const card of [...due, ...fresh]) {
      card.seen = true
      let at = Math.max(session, card.state.due)
      for (;;) {
        // As the study session does: the load balancer sees the reviews already due ahead.
        const proposed = previewGrades(scheduler, card.state, at, dayLoadsOf(reviewLoad, scheduler.clock.dayNumber(at)))[grade()].next
        const windowLoad = examModeWindow(at, examDate, 4).days.map(dueOn)
        const stored = adjustForExam(proposed, { cardId: card.id, now: at, exam, windowLoad })
        grades.push({ at, proposed, stored })
        reviewLoad = moveLoad(reviewLoad, reviewDay(card.state), reviewDay(stored))
        card.state = stored
        if (stored.due >= day.end) break
        at = Math.max(at, stored.due)
      }
    }
  }
  return { cards, grades, loadsAtFinalWindow }
}

describe('exam mode over seven weeks of study', () => {
  const on = replay({ enabled: true, examDate, dayStartsAtHour: 4 })

  it('leaves no grade given before the final week due on or after exam day', () => {
    const early = on.grades.filter((g) => g.at < finalWindowStart)
    expect(early.filter((g) => g.proposed.due >= examDay.start).length).toBeGreaterThan(100) // FSRS alone would skip the exam
    expect(early.filter((g) => g.stored.due >= examDay.start)).toEqual([])
  })

  it('sends every card into the exam either due before it or reviewed in its final week', () => {
    expect(on.cards.every((c) => c.seen)).toBe(true)
    const stale = on.cards.filter((c) => c.state.due >= examDay.start && (c.state.last_review ?? 0) < finalWindowStart)
    expect(stale).toEqual([])
  })

  it('keeps the final week level: no day holds more than its even share + 1', () => {
    const loads = on.loadsAtFinalWindow
    const total = loads.reduce((a, b) => a + b, 0)
    expect(loads).toHaveLength(FINAL_WINDOW_DAYS)
    expect(total).toBeGreaterThan(200)
    expect(Math.max(...loads)).toBeLessThanOrEqual(Math.ceil(total / FINAL_WINDOW_DAYS) + 1)
  })

  it('does not pull cards again once they are reviewed in the final week, so no day there piles up', () => {
    const finalWeek = days.slice(STUDY_DAYS - FINAL_WINDOW_DAYS, STUDY_DAYS)
    const gradesPerDay = finalWeek.map((day) => on.grades.filter((g) => g.at >= day.start && g.at < day.end).length)
    const mean = gradesPerDay.reduce((a, b) => a + b, 0) / gradesPerDay.length
    expect(Math.max(...gradesPerDay)).toBeLessThan(2 * mean)
    expect(on.grades.filter((g) => g.at >= finalWindowStart && g.stored !== g.proposed)).toEqual([])
  })

  it('changes nothing when off: every grade stores exactly what FSRS proposed', () => {
    const off = replay({ enabled: false, examDate, dayStartsAtHour: 4 })
    expect(off.grades.every((g) => g.stored === g.proposed)).toBe(true)
    expect(off.grades.some((g) => g.stored.due >= examDay.start)).toBe(true)
  })
})
