import { forecastExam } from '@core/exam-plan/forecast'
import { createExamRecallAccumulator } from '@core/exam-plan/recall'
import { toRecallEstimate } from '@core/exam-plan/recall-estimate'
import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { gather } from '@core/stats/accumulator'
import { studyDayOf } from '@core/time/study-day'
import { optionsForDeck } from '@db/options-repository'
import type { Platform } from '@platform/platform'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { storeOnMonday, studyGood } from '../../helpers/study-store'
import { makeCards, makeDeck } from '../../helpers/fixtures'
import { referenceStudiedToday } from '../../helpers/reference-counts'

const tagged = (n: number, tags: (i: number) => string[]) => makeCards(n).map((c, i) => ({ ...c, tags: tags(i) }))
const library = {
  decks: [
    makeDeck(
      'services',
      tagged(60, (i) => [i % 3 === 0 ? 'bedrock' : 'sagemaker'])
    ),
    makeDeck(
      'pipeline',
      tagged(30, () => ['pipeline'])
    ),
    makeDeck('chips', makeCards(10))
  ],
  problems: []
}
const platform: Platform = fakePlatform(library)

const pad = (n: number) => String(n).padStart(2, '0')
const dateInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

async function setup() {
  const { db, clock, state } = await storeOnMonday(platform)
  /** The calendar date `days` after today, as the date input gives it. */
  const daysAhead = (days: number) => {
    const d = new Date(clock.now)
    d.setDate(d.getDate() + days)
    return dateInput(d)
  }
  return { db, clock, state, daysAhead }
}

describe('exam dates', () => {
  it('puts a message next to each field that is wrong and saves nothing', async () => {
    const s = await setup()
    await s.state().openExamPlan()
    expect(s.state().screen).toEqual({ name: 'exam-plan' })
    s.state().newExamPlan()
    // A new exam covers the built-in decks.
    expect(s.state().examPlan.editor?.form.deckIds).toEqual(['chips', 'pipeline', 'services'])
    s.state().changeExamPlan({ name: '  ', date: s.daysAhead(-1), deckIds: [], targetRecall: '120' })
    expect(await s.state().saveExamPlan()).toBe(false)
    expect(s.state().examPlan.editor?.errors).toEqual({
      name: 'Give the exam a name.',
      date: 'That date is in the past: choose today or a later day.',
      deckIds: 'Choose at least one deck the exam covers.',
      targetRecall: 'Target recall must be a percentage from 50 to 99.'
    })
    s.state().changeExamPlan({ date: '' })
    expect(s.state().examPlan.editor?.errors.date).toBeUndefined()
    expect(await s.state().saveExamPlan()).toBe(false)
    expect(s.state().examPlan.editor?.errors.date).toBe('Choose the exam date.')
    s.state().changeExamPlan({ date: '2026-02-31' })
    expect(await s.state().saveExamPlan()).toBe(false)
    expect(s.state().examPlan.editor?.errors.date).toBe('Choose the exam date.')
    expect(await s.db.exams.count()).toBe(0)
  })

  it('forecasts a one-deck exam exactly as the core does for the same cards', async () => {
    const s = await setup()
    await studyGood(s, 'services', 12)
    await s.state().openExamPlan()
    s.state().newExamPlan()
    s.state().changeExamPlan({ name: 'MLA-C01', date: s.daysAhead(30), deckIds: ['services'] })
    expect(await s.state().saveExamPlan()).toBe(true)
    expect(s.state().examPlan.editor).toBeNull()

    const [entry] = s.state().examPlan.entries
    const exam = entry!.exam
    expect(new Date(exam.date).getHours()).toBe(9)
    const cards = await s.db.cards.where('deckId').equals('services').toArray()
    const options = await optionsForDeck(s.db, 'services')
    const core = forecastExam(cards, {
      options,
      dayStartsAtHour: 4,
      now: s.clock.now,
      examDate: exam.date,
      studiedToday: await referenceStudiedToday(s.db, 'services', studyDayOf(s.clock.now, 4))
    })
    const forecast = { ...entry!.forecast!, ...entry!.simulation! }
    expect(forecast.daysLeft).toBe(30)
    expect(forecast.recallIfStopping).toEqual(core.recallIfStopping)
    expect(forecast.recallIfStudying).toEqual(core.recallIfStudying)
    expect(forecast.topics).toEqual(core.topics)
    expect(forecast.plan).toEqual(core.plan)
    expect(forecast.newCardsPerDayNeeded).toBe(core.workload.newCardsPerDayNeeded)
    expect(forecast.reviewsPerDay).toBe(core.workload.reviewsPerDay)
    // 12 studied of 60 cards: a fifth is remembered at best if nothing more is studied.
    expect(forecast.recallIfStopping.mean).toBeGreaterThan(0.1)
    expect(forecast.recallIfStopping.mean).toBeLessThan(0.2)
    expect(forecast.recallIfStudying.mean).toBeGreaterThan(0.8)
    // Weakest topic first.
    expect(forecast.topics.map((t) => t.tag).sort()).toEqual(['bedrock', 'sagemaker'])
    expect(forecast.topics[0]!.mean).toBeLessThanOrEqual(forecast.topics[1]!.mean)
    expect(forecast.warnings).toEqual([])
  })

  it('adds the decks of a three-deck exam: recall over every card, one limit per deck', async () => {
    const s = await setup()
    await studyGood(s, 'pipeline', 8)
    await s.state().openExamPlan()
    s.state().newExamPlan()
    s.state().changeExamPlan({ name: 'AIF-C01', date: s.daysAhead(2) })
    expect(await s.state().saveExamPlan()).toBe(true)

    const forecast = { ...s.state().examPlan.entries[0]!.forecast!, ...s.state().examPlan.entries[0]!.simulation! }
    const cards = await s.db.cards.toArray()
    const examDate = s.state().examPlan.entries[0]!.exam.date
    expect(forecast.recallIfStopping).toEqual(toRecallEstimate(gather(createExamRecallAccumulator({ examAt: examDate }), cards).all))
    expect(forecast.recallIfStopping.cards).toBe(100)
    expect(forecast.daysLeft).toBe(2)
    expect(forecast.newCardsPerDayAllowed).toBe(3 * DEFAULT_STUDY_OPTIONS.newCardsPerDay)
    // 60 services cards at 20 a day over two days leave 20 unseen; the other decks fit.
    expect(forecast.unseen).toBe(92)
    expect(forecast.newCardsPerDayNeeded).toBe(30 + 11 + 5)
    expect(forecast.warnings).toEqual([
      'Deck services: At 20 new cards a day you will see 40 of 60 new cards before the exam; raise the limit to 30.'
    ])
    expect(forecast.plan.map((d) => d.newCards)).toEqual([20 + 12 + 10, 20 + 10])
  })

  it('edits and deletes an exam', async () => {
    const s = await setup()
    await s.state().openExamPlan()
    s.state().newExamPlan()
    s.state().changeExamPlan({ name: 'Specialty', date: s.daysAhead(10), examMode: false })
    await s.state().saveExamPlan()
    const id = s.state().examPlan.entries[0]!.exam.id

    s.state().editExamPlan(id)
    expect(s.state().examPlan.editor?.form).toMatchObject({ name: 'Specialty', date: s.daysAhead(10), examMode: false, targetRecall: '90' })
    s.state().changeExamPlan({ name: 'MLS-C01', targetRecall: '85', deckIds: ['chips'] })
    expect(await s.state().saveExamPlan()).toBe(true)
    expect(await s.db.exams.toArray()).toEqual([expect.objectContaining({ id, name: 'MLS-C01', targetRecall: 0.85, deckIds: ['chips'] })])
    expect(s.state().examPlan.entries[0]!.forecast?.recallIfStopping.cards).toBe(10)

    await s.state().deleteExamPlan(id)
    expect(await s.db.exams.count()).toBe(0)
    expect(s.state().examPlan.entries).toEqual([])
    expect(s.state().examPlan.notice).toBe('Exam “MLS-C01” deleted.')
  })
})
