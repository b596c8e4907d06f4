import { Queue } from '@core/model'
import { studyDayOf } from '@core/time/study-day'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { State, type Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * Months of daily study through the store, in whatever TZ the suite runs in (npm run test:tz runs
 * it under several), across both daylight-saving changes of the northern and southern hemispheres.
 * Each day: nothing due is skipped, no card is graded twice outside learning, no grade is lost.
 */
const library = { decks: [makeDeck('d', makeCards(150))], problems: [] }
const platform: Platform = fakePlatform(library)
// Study at different local times, including after midnight (which still counts for the day before).
const SESSION_HOURS = [7, 23, 1, 12, 18, 3, 9]

describe('study days across daylight-saving changes', () => {
  it('keeps every day whole for 260 days', async () => {
    const db = freshDatabase()
    let now = new Date(2026, 1, 20, 7, 0).getTime()
    const store = createRecallStore({ db, platform, now: () => now })
    const state = () => store.getState()
    await state().loadLibrary()
    let grades = 0
    let seed = 7

    for (let d = 0; d < 260; d++) {
      const local = new Date(2026, 1, 20 + d + (SESSION_HOURS[d % 7]! < 4 ? 1 : 0), SESSION_HOURS[d % 7], 0)
      now = local.getTime()
      const day = studyDayOf(now, 4)
      expect(day.start).toBeLessThanOrEqual(now)
      expect(now).toBeLessThan(day.end)

      await state().startStudy('d')
      const shownOutsideLearning = new Set<string>()
      let newToday = 0
      for (let guard = 0; guard < 2000; guard++) {
        const session = state().session!
        if (session.step.kind === 'wait') {
          now = session.step.until
          await state().resume()
          continue
        }
        if (!session.card) break
        const card = session.card
        if (card.state === State.New || card.state === State.Review) {
          expect(shownOutsideLearning.has(card.id), `${card.id} shown twice on day ${d}`).toBe(false)
          shownOutsideLearning.add(card.id)
        }
        if (card.state === State.New) newToday++
        seed = (seed * 1103515245 + 12345) % 2147483648
        const grade = ([1, 3, 3, 3, 2, 4, 3, 3, 3, 3] as Grade[])[seed % 10]!
        state().reveal()
        now += 8_000
        await state().grade(grade)
        grades++
      }
      await state().leaveStudy()
      expect(now).toBeLessThan(day.end) // the session ended within its study day

      expect(newToday).toBe(Math.min(20, 150 - d * 20 > 0 ? Math.min(20, 150 - d * 20) : 0))
      // Nothing due today was left behind.
      const overdue = await db.cards
        .where('[deckId+queue+due]')
        .between(['d', Queue.Review, 0], ['d', Queue.Review, day.end], true, false)
        .count()
      expect(overdue, `day ${d}`).toBe(0)
      const learningToday = await db.cards
        .where('[deckId+queue+due]')
        .between(['d', Queue.Learning, 0], ['d', Queue.Learning, day.end], true, false)
        .count()
      expect(learningToday, `day ${d}`).toBe(0)
    }
    expect(await db.reviews.count()).toBe(grades)
    expect(grades).toBeGreaterThan(1000)
  }, 120_000)
})
