import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import type { DayLoads } from '@core/scheduling/load-balance'
import { createScheduler, nextState } from '@core/scheduling/scheduler'
import { mergedCollection, reviewsOfCard, studySchedulers } from '@core/sync/merged-collection'
import { applyChanges, emptySyncState } from '@core/sync/sync-state'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@shared/durations'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { collectionSnapshot, SimulatedDevice } from './simulated-device'

const T = new Date(2025, 2, 3, 10).getTime()
const HASH_A = 'a'.repeat(64)
const HASH_B = 'b'.repeat(64)

function laptopAndDesktop(laptopSkew = 0, desktopSkew = 0) {
  const laptop = new SimulatedDevice('1111111111111111', laptopSkew)
  const desktop = new SimulatedDevice('2222222222222222', desktopSkew)
  return { laptop, desktop }
}

/** Both machines close their changes, the engine carries every file to the other, and both read. */
function exchange(now: number, ...devices: SimulatedDevice[]) {
  for (const device of devices) device.publish()
  for (const from of devices)
    for (const [path, text] of from.view) if (path.startsWith(from.id)) for (const to of devices) if (to !== from) to.view.set(path, text)
  for (const device of devices) device.pull(now)
}

function importAws(device: SimulatedDevice, now: number) {
  return device.importDeck(now, 'aws', { name: 'AWS' }, [
    { key: 'aws/s3', fields: { type: 'basic', front: 'S3', back: 'Object storage' } },
    { key: 'aws/ec2', fields: { type: 'basic', front: 'EC2', back: 'Virtual machines' } }
  ])
}

function expectSameCollections(a: SimulatedDevice, b: SimulatedDevice) {
  expect(collectionSnapshot(b.collection())).toEqual(collectionSnapshot(a.collection()))
}

describe('reviews', () => {
  it('two machines study the same card offline: both grades count, the later one is replayed on the earlier, and both end the same', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    exchange(T, laptop, desktop)
    const good = laptop.grade(T + HOUR_MS, 'aws/s3', Rating.Good)
    const again = desktop.grade(T + 2 * HOUR_MS, 'aws/s3', Rating.Again)
    exchange(T + 3 * HOUR_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const card = laptop.collection().cards.get('aws/s3')!
    expect(card.reviews.map((r) => [r.change.id, r.replayed])).toEqual([
      [good.id, false],
      [again.id, true]
    ])
    const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, 4)
    expect(card.state).toEqual(nextState(scheduler, good.after, T + 2 * HOUR_MS, Rating.Again))
  })

  it("studying one machine after the other keeps each grade's own state, the load balancer's day included", () => {
    const { laptop, desktop } = laptopAndDesktop()
    laptop.grade(T, 'aws/s3', Rating.Easy)
    exchange(T, laptop, desktop)
    // The session on the desktop saw many reviews due on the first days of the range: the balancer put the card later.
    const loads: DayLoads = { reviewsOn: (days) => Math.max(0, 400 - days * 10), weekdayOf: (days) => (days + 1) % 7 }
    const due = laptop.cardState('aws/s3')!.due
    const good = desktop.grade(due + HOUR_MS, 'aws/s3', Rating.Good, loads)
    exchange(due + 2 * HOUR_MS, laptop, desktop)

    const plainReplay = nextState(
      createScheduler(DEFAULT_STUDY_OPTIONS, 4),
      laptop.collection().cards.get('aws/s3')!.reviews[0]!.after,
      good.review,
      Rating.Good
    )
    expect(good.after.due).not.toBe(plainReplay.due)
    for (const device of [laptop, desktop]) expect(device.collection().cards.get('aws/s3')!.state).toEqual(good.after)
    expect(
      laptop
        .collection()
        .cards.get('aws/s3')!
        .reviews.every((r) => !r.replayed)
    ).toBe(true)
  })

  it('a machine whose clock is three hours behind grades after seeing the other grade: its grade comes second, as it was given', () => {
    const { laptop, desktop } = laptopAndDesktop(-3 * HOUR_MS, 0)
    const first = desktop.grade(T, 'aws/s3', Rating.Easy)
    exchange(T + MINUTE_MS, laptop, desktop)
    const second = laptop.grade(T + DAY_MS * 5, 'aws/s3', Rating.Hard)
    exchange(T + DAY_MS * 5 + MINUTE_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const card = desktop.collection().cards.get('aws/s3')!
    expect(card.reviews.map((r) => [r.change.id, r.replayed])).toEqual([
      [first.id, false],
      [second.id, false]
    ])
    expect(card.state).toEqual(second.after)
  })

  it('a review read twice, or from a conflict copy of its segment, counts once', () => {
    const { laptop, desktop } = laptopAndDesktop()
    const review = laptop.grade(T, 'aws/s3', Rating.Good)
    const { path, text } = laptop.publish()!
    desktop.view.set(path, text)
    desktop.view.set(path.replace('.seg', '.sync-conflict-20250303-100000-ABCDEF7.seg'), text)
    desktop.view.set(path.replace('.seg', ' (1).seg'), text)
    desktop.pull(T)
    applyChanges(desktop.state, [review, review])
    expect(
      desktop
        .collection()
        .cards.get('aws/s3')!
        .reviews.map((r) => r.change.id)
    ).toEqual([review.id])
  })

  it('a review taken back counts nowhere, even on a machine where the undo arrives before the review', () => {
    const { laptop } = laptopAndDesktop()
    const kept = laptop.grade(T, 'aws/s3', Rating.Good)
    const undone = laptop.grade(T + MINUTE_MS, 'aws/s3', Rating.Again)
    const undo = laptop.undo(T + 2 * MINUTE_MS, undone.id)
    const state = emptySyncState()
    applyChanges(state, [undo])
    applyChanges(state, [undone, kept])
    expect(reviewsOfCard(state, 'aws/s3')).toEqual([kept])
    expect(mergedCollection(state).cards.get('aws/s3')!.state).toEqual(kept.after)
  })

  it('a reset made on one machine while the other studied keeps the card new from the reset on, and the later grade is replayed on it', () => {
    const { laptop, desktop } = laptopAndDesktop()
    laptop.grade(T, 'aws/s3', Rating.Easy)
    exchange(T, laptop, desktop)
    const reset = laptop.reset(T + DAY_MS, 'aws/s3')
    const grade = desktop.grade(T + 2 * DAY_MS, 'aws/s3', Rating.Good)
    exchange(T + 3 * DAY_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const card = laptop.collection().cards.get('aws/s3')!
    expect(card.reviews.map((r) => [r.change.id, r.replayed])).toEqual([
      [expect.any(String), false],
      [reset.id, false],
      [grade.id, true]
    ])
    expect(card.state.reps).toBe(1)
    expect(card.state.state).toBe(State.Learning)
  })
})

describe('edits', () => {
  it('two machines edit one note: each field takes its latest edit, and edits of different fields both stand', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    exchange(T, laptop, desktop)
    laptop.edit(T + 2 * MINUTE_MS, 'note', 'aws/s3', { front: 'Amazon S3' })
    desktop.edit(T + MINUTE_MS, 'note', 'aws/s3', { front: 'Simple Storage Service' })
    desktop.edit(T + 3 * MINUTE_MS, 'note', 'aws/s3', { back: 'Objects in buckets' })
    exchange(T + 4 * MINUTE_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    expect(desktop.collection().rows.notes.get('aws/s3')).toEqual({ type: 'basic', front: 'Amazon S3', back: 'Objects in buckets' })
  })

  it('a machine whose clock is hours behind still wins with an edit it made after seeing the other one', () => {
    const { laptop, desktop } = laptopAndDesktop(-2 * HOUR_MS, 2 * HOUR_MS)
    desktop.edit(T, 'note', 'aws/s3', { front: 'written first, on a clock four hours ahead' })
    exchange(T + MINUTE_MS, laptop, desktop)
    laptop.edit(T + 10 * MINUTE_MS, 'note', 'aws/s3', { front: 'written second' })
    exchange(T + 11 * MINUTE_MS, laptop, desktop)
    for (const device of [laptop, desktop]) expect(device.collection().rows.notes.get('aws/s3')!.front).toBe('written second')
  })

  it('options merge option by option, and replays use the merged options', () => {
    const { laptop, desktop } = laptopAndDesktop()
    laptop.edit(T, 'options', 'default', { 'options.request_retention': 0.8 })
    desktop.edit(T + MINUTE_MS, 'options', 'default', { 'options.maximum_interval': 30, 'options.request_retention': 'ninety' })
    exchange(T + 2 * MINUTE_MS, laptop, desktop)
    const { parameters } = studySchedulers(laptop.state)('aws').fsrs
    // The desktop's later retention is no number: the option keeps its default rather than breaking the replay.
    expect([parameters.request_retention, parameters.maximum_interval]).toEqual([0.9, 30])
    laptop.edit(T + 3 * MINUTE_MS, 'options', 'default', { 'options.request_retention': 0.8 })
    expect(studySchedulers(laptop.state)('aws').fsrs.parameters.request_retention).toBe(0.8)
  })

  it('exam dates take their latest edit, and every mock-exam result of every machine is kept', () => {
    const { laptop, desktop } = laptopAndDesktop()
    laptop.edit(T, 'exam', 'aif', { name: 'AIF-C01', date: T + 30 * DAY_MS })
    laptop.mockExam(T, 'run-laptop', { score: 0.7 })
    exchange(T, laptop, desktop)
    desktop.edit(T + HOUR_MS, 'exam', 'aif', { date: T + 40 * DAY_MS })
    desktop.mockExam(T + HOUR_MS, 'run-desktop', { score: 0.8 })
    exchange(T + 2 * HOUR_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const { rows } = laptop.collection()
    expect(rows.exams.get('aif')).toEqual({ name: 'AIF-C01', date: T + 40 * DAY_MS })
    expect([...rows.simulations.keys()].sort()).toEqual(['run-desktop', 'run-laptop'])
  })
})

describe('removals', () => {
  it('an edit made before a removal goes with the row', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    exchange(T, laptop, desktop)
    desktop.edit(T + MINUTE_MS, 'note', 'aws/s3', { back: 'edited, then removed elsewhere' })
    laptop.remove(T + 2 * MINUTE_MS, 'note', 'aws/s3')
    exchange(T + 3 * MINUTE_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const { rows, removed } = laptop.collection()
    expect(rows.notes.has('aws/s3')).toBe(false)
    expect(removed.notes).toEqual(new Set(['aws/s3']))
  })

  it('an edit made after the removal, by a machine that had not seen it, brings the note back whole', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    exchange(T, laptop, desktop)
    laptop.remove(T + MINUTE_MS, 'note', 'aws/s3')
    desktop.edit(T + 2 * MINUTE_MS, 'note', 'aws/s3', { front: 'still wanted' })
    exchange(T + 3 * MINUTE_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    expect(laptop.collection().rows.notes.get('aws/s3')).toEqual({ type: 'basic', front: 'still wanted', back: 'Object storage' })
  })

  it('removing a deck removes its notes and cards but keeps their reviews; a later edit of one of its notes brings the deck back', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    laptop.edit(T, 'card', 'aws/ec2', { flag: 1 })
    const review = laptop.grade(T, 'aws/s3', Rating.Good)
    exchange(T, laptop, desktop)
    laptop.remove(T + MINUTE_MS, 'deck', 'aws')
    exchange(T + 2 * MINUTE_MS, laptop, desktop)

    let merged = desktop.collection()
    expect([merged.rows.decks.size, merged.rows.notes.size, merged.rows.cards.size]).toEqual([0, 0, 0])
    expect(merged.removed.notes).toEqual(new Set(['aws/s3', 'aws/ec2']))
    expect(merged.cards.get('aws/s3')!.reviews.map((r) => r.change.id)).toEqual([review.id])

    // A third machine, offline since before the removal, edits a note of the deck afterwards.
    const tablet = new SimulatedDevice('3333333333333333', 0)
    tablet.edit(T + 10 * MINUTE_MS, 'note', 'aws/ec2', { back: 'EC2 instances' })
    exchange(T + 11 * MINUTE_MS, laptop, desktop, tablet)
    merged = laptop.collection()
    expect(merged.rows.decks.get('aws')).toEqual({ name: 'AWS' })
    expect([...merged.rows.notes.keys()].sort()).toEqual(['aws/ec2', 'aws/s3'])
    expect(merged.rows.notes.get('aws/ec2')).toEqual({ type: 'basic', front: 'EC2', back: 'EC2 instances' })
    expectSameCollections(laptop, tablet)
  })
})

describe('media', () => {
  it('is kept once per content; a name takes its latest content; a removed name leaves the content to compaction', () => {
    const { laptop, desktop } = laptopAndDesktop()
    laptop.media(T, 'diagram.png', HASH_A)
    desktop.media(T + MINUTE_MS, 'bucket.png', HASH_A)
    desktop.media(T + 2 * MINUTE_MS, 'diagram.png', HASH_B)
    laptop.remove(T + 3 * MINUTE_MS, 'media', 'bucket.png')
    exchange(T + 4 * MINUTE_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const { rows, contents } = laptop.collection()
    expect([...contents.keys()].sort()).toEqual([HASH_A, HASH_B])
    expect([...rows.media]).toEqual([['diagram.png', { hash: HASH_B, size: 64, type: 'image/png' }]])
  })
})

describe('arrival', () => {
  it('a segment cut short is applied not at all, and whole once it has arrived', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    laptop.grade(T, 'aws/s3', Rating.Good)
    const { path, text } = laptop.publish()!
    desktop.view.set(path, text.slice(0, text.length - 40))
    expect(desktop.pull(T).applied).toEqual([])
    expect(desktop.collection().rows.decks.size + desktop.collection().cards.size).toBe(0)
    desktop.view.set(path, text)
    expect(desktop.pull(T).applied).toHaveLength(1)
    expectSameCollections(laptop, desktop)
  })

  it('a machine that comes back after four months: its old edit loses to newer ones, its old reviews take their place in the history', () => {
    const { laptop, desktop } = laptopAndDesktop()
    importAws(laptop, T)
    exchange(T, laptop, desktop)
    const old = laptop.grade(T + HOUR_MS, 'aws/s3', Rating.Good)
    laptop.edit(T + HOUR_MS, 'note', 'aws/s3', { front: 'old laptop edit' })
    laptop.publish()
    let now = T + 2 * HOUR_MS
    for (let day = 0; day < 120; day += 10) {
      now = T + day * DAY_MS + 2 * HOUR_MS
      desktop.grade(now, 'aws/s3', Rating.Good)
    }
    desktop.edit(now, 'note', 'aws/s3', { front: 'newer desktop edit' })
    exchange(now + DAY_MS, laptop, desktop)

    expectSameCollections(laptop, desktop)
    const merged = laptop.collection()
    expect(merged.rows.notes.get('aws/s3')!.front).toBe('newer desktop edit')
    const reviews = merged.cards.get('aws/s3')!.reviews
    expect(reviews).toHaveLength(13)
    expect(reviews[0]!.change.id).toBe(old.id)
  })
})
