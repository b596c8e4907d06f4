import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { describeHistory } from '@core/scheduling/anki-history'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { createStudyClock } from '@core/time/study-clock'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { cardKeyForAnkiOrd } from '@db/import-history'
import { applyImport, planImport } from '@db/import-repository'
import { recordReview } from '@db/study-repository'
import { readPackageHistory } from '@shared/deck/apkg-history'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { importDeckFile } from '@shared/deck/import-file'
import type { Deck } from '@shared/deck/schema'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { Rating, State } from 'ts-fsrs'
import { beforeAll, describe, expect, it } from 'vitest'
import { CAPITAL_MEMORY, daysAgo, historyCollection, historyPackage, NOW } from '../../helpers/anki-history-package'
import { freshDatabase } from '../../helpers/fixtures'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

/** The deck the package's notes make (as apkg.ts reads them): "Capital of Peru" both ways. */
const DECK: Deck = {
  format: 'recall-deck',
  version: 2,
  id: 'geography',
  name: 'Geography',
  notes: [
    { type: 'basic', id: ankiGuidId('hist-capital'), front: 'Capital of Peru', back: 'Lima', tags: [], reverse: true },
    { type: 'basic', id: ankiGuidId('hist-river'), front: 'Longest river', back: 'Nile', tags: [] },
    { type: 'basic', id: ankiGuidId('hist-peak'), front: 'Highest peak', back: 'Everest', tags: [] }
  ]
}
const capital = `geography/${ankiGuidId('hist-capital')}`
const river = `geography/${ankiGuidId('hist-river')}`
const clock = createStudyClock(DEFAULT_DAY_STARTS_AT_HOUR)

function packageHistory() {
  const db = new SQL.Database(historyCollection(SQL))
  try {
    return readPackageHistory(db)!
  } finally {
    db.close()
  }
}

async function importDeck(db: ReturnType<typeof freshDatabase>, withHistory: boolean) {
  return applyImport(db, DECK, await planImport(db, DECK), {
    file: 'geo.apkg',
    keepRemoved: false,
    now: NOW,
    ...(withHistory ? { history: packageHistory() } : {})
  })
}

describe('importing an Anki package with its review history', () => {
  it('continues where Anki left off: Anki’s memory and due day, its reviews in the log with their buttons', async () => {
    const db = freshDatabase()
    const summary = await importDeck(db, true)

    const card = (await db.cards.get(capital))!
    expect(card).toMatchObject({ state: State.Review, stability: CAPITAL_MEMORY.s, difficulty: CAPITAL_MEMORY.d, reps: 6, lapses: 1 })
    expect(clock.dayNumber(card.due) - clock.dayNumber(NOW)).toBe(3) // due in 3 study days, as in Anki
    expect(card.last_review).toBe(daysAgo(20))
    const log = await db.reviews.where('cardKey').equals(capital).sortBy('review')
    // The "set due date" row is not an answer: left out.
    expect(log.map((r) => [r.rating, r.state, r.duration])).toEqual([
      [Rating.Good, State.New, 8000],
      [Rating.Good, State.Learning, 5000],
      [Rating.Good, State.Review, 4000],
      [Rating.Again, State.Review, 12_000],
      [Rating.Good, State.Relearning, 6000],
      [Rating.Easy, State.Review, 3000]
    ])
    expect(log[0]).toMatchObject({ deckId: 'geography', review: daysAgo(60) })

    // The reversed card has no FSRS memory in Anki: Recall's FSRS replays its two answers (not the cram one).
    const reverse = (await db.cards.get(`${capital}/reverse`))!
    expect(reverse.state).toBe(State.Review)
    expect(reverse.stability).toBeGreaterThan(1)
    expect(clock.dayNumber(reverse.due) - clock.dayNumber(NOW)).toBe(5)
    expect((await db.reviews.where('cardKey').equals(`${capital}/reverse`).toArray()).map((r) => r.rating)).toEqual([
      Rating.Good,
      Rating.Good
    ])

    // A learning card is due when Anki has it, in ten minutes.
    expect(await db.cards.get(river)).toMatchObject({ state: State.Learning, due: NOW + 10 * 60_000 })
    expect((await db.cards.get(`geography/${ankiGuidId('hist-peak')}`))?.state).toBe(State.New)

    expect(summary.history).toEqual({ reviews: 9, cards: 3, kept: 0, notImportedReviews: 2, notImportedCards: 1, leftOut: 2 })
    expect(describeHistory(summary.history!)).toBe(
      'Brought 9 reviews of 3 cards from Anki; 2 reviews of 1 card that was not imported were left out; 2 manual changes and cram answers were left out.'
    )
  })

  it('writes no review and leaves every card new without the option', async () => {
    const db = freshDatabase()
    const summary = await importDeck(db, false)
    expect(summary.history).toBeUndefined()
    expect(await db.reviews.count()).toBe(0)
    expect((await db.cards.toArray()).every((c) => c.state === State.New)).toBe(true)
  })

  it('never overwrites Recall progress: a card studied in Recall keeps it, the others take Anki’s history', async () => {
    const db = freshDatabase()
    await importDeck(db, false)
    const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
    const studied = (await db.cards.get(capital))!
    const { card: afterRecall } = await recordReview(db, studied, previewGrades(scheduler, studied, NOW - 3_600_000)[Rating.Hard], 2000)

    const summary = await importDeck(db, true)
    expect(summary.history).toMatchObject({ reviews: 3, cards: 2, kept: 1 })
    expect(describeHistory(summary.history!)).toContain('1 card kept its Recall progress')
    expect(await db.cards.get(capital)).toMatchObject({ stability: afterRecall.stability, due: afterRecall.due })
    expect((await db.reviews.where('cardKey').equals(capital).toArray()).map((r) => r.rating)).toEqual([Rating.Hard])
    expect(await db.reviews.where('cardKey').equals(`${capital}/reverse`).count()).toBe(2)
  })
})

describe('importing the package as the app reads it', () => {
  it('gives each Anki card its history under the key the import made for it', async () => {
    const db = freshDatabase()
    const { deck, history } = await importDeckFile({ name: 'geo.apkg', bytes: historyPackage(SQL) }, { sqlJs: SQL })
    const summary = await applyImport(db, deck!, await planImport(db, deck!), {
      file: 'geo.apkg',
      keepRemoved: false,
      now: NOW,
      history: history!
    })
    expect(summary.history).toMatchObject({ reviews: 9, cards: 3, notImportedReviews: 2 })
    const reviewed = new Set(await db.reviews.orderBy('cardKey').uniqueKeys())
    expect(reviewed.size).toBe(3)
    const due = await db.cards.where('deckId').equals(deck!.id).toArray()
    expect(
      due
        .filter((c) => c.state !== State.New)
        .map((c) => clock.dayNumber(c.due) - clock.dayNumber(NOW))
        .sort()
    ).toEqual([0, 3, 5])
  })
})

describe('cardKeyForAnkiOrd', () => {
  const note = 'd/n'
  it('finds the card each Anki ord became, whatever kind of note made it', () => {
    const basic = new Set(['d/n', 'd/n/reverse'])
    expect([0, 1, 2].map((ord) => cardKeyForAnkiOrd(note, ord, basic))).toEqual(['d/n', 'd/n/reverse', undefined])
    const cloze = new Set(['d/n/c1', 'd/n/c3'])
    expect([0, 1, 2].map((ord) => cardKeyForAnkiOrd(note, ord, cloze))).toEqual(['d/n/c1', undefined, 'd/n/c3'])
    const templated = new Set(['d/n', 'd/n/t1', 'd/n/t2'])
    expect([0, 1, 2].map((ord) => cardKeyForAnkiOrd(note, ord, templated))).toEqual(['d/n', 'd/n/t1', 'd/n/t2'])
  })
})
