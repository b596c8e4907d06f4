import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { createScheduler, previewGrades } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { changeTags, forgetCards, saveCardEdit, suspendCards } from '@db/browse-repository'
import { bury, forget, setSuspended, toggleFlag, undo, type UndoEntry } from '@db/card-actions'
import { addCard, deleteCards, moveCards } from '@db/card-authoring'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { nextChangeStamp } from '@db/derived-tables'
import { recordReview } from '@db/study-repository'
import fc from 'fast-check'
import { Rating, type Grade } from 'ts-fsrs'
import { vi } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

/**
 * Random sequences of what a person (or another window) does to a collection, for the property
 * tests of the caches beside it: grades and their undo, card actions, browse's bulk actions,
 * imports, added, deleted, moved and re-keyed cards, and the clock moving either way.
 */

export const NOW = new Date(2026, 4, 4, 10, 0).getTime()
export const HOUR = 3_600_000
export const DAY = 24 * HOUR
export const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)

const userDeck = (id: string, n: number, reverse = false) => ({ ...makeDeck(id, makeCards(n, reverse)), origin: 'user' as const })

/** The decks the steps act on: alpha (a user deck with reversed cards), beta (a user deck), gamma (built-in). */
export async function stepDecks(sizes = { alpha: 6, beta: 5, gamma: 4 }): Promise<RecallDatabase> {
  const db = freshDatabase()
  await mergeDeck(db, userDeck('alpha', sizes.alpha, true), NOW)
  await mergeDeck(db, userDeck('beta', sizes.beta), NOW)
  await mergeDeck(db, makeDeck('gamma', makeCards(sizes.gamma)), NOW)
  return db
}

export const card = async (db: RecallDatabase, id: string) => (await db.cards.get(id))!

export async function grade(db: RecallDatabase, id: string, rating: Grade = Rating.Good) {
  const current = await card(db, id)
  return recordReview(db, current, previewGrades(scheduler, current, Date.now())[rating], 4_000)
}

export type Step =
  | {
      kind: 'grade' | 'undo' | 'bury' | 'suspend' | 'flag' | 'forget' | 'edit' | 'delete' | 'move' | 'retag' | 'rekey'
      pick: number
      rating: Grade
    }
  | { kind: 'bulk-suspend' | 'bulk-forget'; picks: number[] }
  | { kind: 'import'; size: number }
  | { kind: 'add' }
  | { kind: 'read'; decks: readonly string[] | 'all' }
  | { kind: 'clock'; minutes: number }

const pickStep = fc.record({
  kind: fc.constantFrom('grade', 'undo', 'bury', 'suspend', 'flag', 'forget', 'edit', 'delete', 'move', 'retag', 'rekey'),
  // Unbiased: fast-check favours small numbers, which would pick the first few cards nearly always.
  pick: fc.noBias(fc.nat()),
  rating: fc.constantFrom<Grade>(1, 2, 3, 4)
})

/** Clock steps of up to three hours back and thirty forward, so some sequences cross study days. */
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  pickStep,
  pickStep,
  fc.record({ kind: fc.constantFrom('bulk-suspend', 'bulk-forget'), picks: fc.array(fc.noBias(fc.nat()), { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('import'), size: fc.integer({ min: 2, max: 9 }) }),
  fc.record({ kind: fc.constant('add') }),
  fc.record({ kind: fc.constant('read'), decks: fc.constantFrom<Array<readonly string[] | 'all'>>('all', ['alpha'], ['beta', 'gamma']) }),
  fc.record({ kind: fc.constant('clock'), minutes: fc.integer({ min: -180, max: 1800 }) })
)

/** Each collection's grades not yet undone, latest last: 'undo' takes back the latest, as Ctrl+Z does. */
const graded = new WeakMap<RecallDatabase, UndoEntry[]>()

/** Does one step; `read` is the cache read under test, for the 'read' steps. */
export async function applyStep(db: RecallDatabase, s: Step, read: (decks: readonly string[] | 'all') => Promise<unknown>): Promise<void> {
  const cards = await db.cards.orderBy(':id').toArray()
  const at = (n: number) => cards[n % cards.length]!
  if (('pick' in s || 'picks' in s) && cards.length === 0) return
  const now = Date.now()
  switch (s.kind) {
    case 'grade': {
      const before = at(s.pick)
      const { logId } = await grade(db, before.id, s.rating)
      graded.set(db, [...(graded.get(db) ?? []), { label: 'Grade', before: [before], addedLogIds: [logId] }])
      return
    }
    case 'undo': {
      const entry = graded.get(db)?.pop()
      return entry && undo(db, entry)
    }
    case 'bury':
      return void (await bury(db, at(s.pick), studyDayOf(now, 4)))
    case 'suspend':
      return void (await setSuspended(db, at(s.pick), at(s.pick).queue !== -1))
    case 'flag':
      return void (await toggleFlag(db, at(s.pick), s.rating))
    case 'forget':
      return void (await forget(db, scheduler, at(s.pick), now))
    case 'edit':
      return void (await saveCardEdit(db, at(s.pick).id, { front: 'F', back: 'B', extra: '' }, `topic-${s.rating}`))
    case 'delete':
      return void (await deleteCards(db, [at(s.pick).id]))
    case 'move':
      return void (await moveCards(db, [at(s.pick).id], at(s.pick).deckId === 'alpha' ? 'beta' : 'alpha'))
    case 'retag':
      return void (await changeTags(db, [at(s.pick).id], [`tag-${s.rating}`], ['t']))
    case 'rekey':
      return void (await db.cards.update(at(s.pick).id, { deckId: at(s.pick).deckId === 'alpha' ? 'beta' : 'alpha' }))
    case 'bulk-suspend':
      return void (await suspendCards(
        db,
        s.picks.map((n) => at(n).id),
        true
      ))
    case 'bulk-forget':
      return void (await forgetCards(
        db,
        s.picks.map((n) => at(n).id),
        () => scheduler,
        now
      ))
    case 'import':
      return void (await mergeDeck(db, makeDeck('gamma', makeCards(s.size, s.size % 2 === 0)), now))
    case 'add':
      return void (await addCard(db, 'alpha', { front: `Added ${now}`, back: 'B', extra: '', tags: '', reverse: false }, now))
    case 'read':
      return void (await read(s.decks))
    case 'clock':
      return void vi.setSystemTime(now + s.minutes * 60_000)
  }
}

/**
 * Runs one property-test case: a first read, then `steps`, a few seconds apart as a person
 * studies, on a clock past every stamp an earlier case left.
 */
export async function runSteps(
  db: () => Promise<RecallDatabase>,
  steps: readonly Step[],
  read: (db: RecallDatabase, decks: readonly string[] | 'all') => Promise<unknown>
): Promise<RecallDatabase> {
  vi.setSystemTime(nextChangeStamp() + DAY)
  const opened = await db()
  const readThis = (decks: readonly string[] | 'all') => read(opened, decks)
  for (const s of [{ kind: 'read', decks: 'all' } as const, ...steps]) {
    vi.setSystemTime(Date.now() + 3_000)
    // A re-keyed card can make a later move collide with its key; the refused move is rolled back.
    if (s.kind === 'read') await applyStep(opened, s, readThis)
    else await applyStep(opened, s, readThis).catch(() => undefined)
  }
  return opened
}
