import { clozeCardKey, noteKeyOfCardKey, Queue, studyCardKey, type CardRecord } from '@core/model'
import { buryOptionsOf, isInterdayLearning, siblingsToBury, takeApartFromSiblings, type BuryOptions } from '@core/scheduling/siblings'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const HOUR = 3_600_000
const day = { start: 100 * HOUR, end: 124 * HOUR }
const ON: BuryOptions = { buryNewSiblings: true, buryReviewSiblings: true, buryInterdayLearningSiblings: true }

function card(id: string, queue: CardRecord['queue'], due: number, last_review?: number): CardRecord {
  return {
    id,
    deckId: 'd',
    cardId: id.split('/')[1]!,
    reverse: id.endsWith('/reverse'),
    ord: 0,
    question: 'Q',
    answer: 'A',
    tags: [],
    queue,
    due,
    stability: 1,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: queue === Queue.New ? State.New : queue === Queue.Review ? State.Review : State.Learning,
    ...(last_review !== undefined ? { last_review } : {}),
    createdAt: 0
  }
}

describe('siblings', () => {
  it('are the cards of one note: both directions of a basic note, every number of a cloze', () => {
    expect(noteKeyOfCardKey(studyCardKey('d', 'n', false))).toBe('d/n')
    expect(noteKeyOfCardKey(studyCardKey('d', 'n', true))).toBe('d/n')
    expect(noteKeyOfCardKey(clozeCardKey('d', 'n', 2))).toBe('d/n')
    // A basic note whose id looks like a cloze number is its own note, not a cloze card of `d`.
    expect(noteKeyOfCardKey(studyCardKey('d', 'c2', false))).toBe('d/c2')
    expect(noteKeyOfCardKey(studyCardKey('d', 'reverse', true))).toBe('d/reverse')
  })

  it('read as on (the defaults) when a preset saved before the options lacks them', () => {
    expect(buryOptionsOf({})).toEqual(ON)
    expect(buryOptionsOf({ buryReviewSiblings: false })).toEqual({ ...ON, buryReviewSiblings: false })
  })
})

describe('takeApartFromSiblings', () => {
  const ids = ['d/a', 'd/b', 'd/a/reverse', 'd/c/c1', 'd/c/c2', 'd/e']

  it('takes the first card of each note not gathered before, skipped ones not counting against the limit', () => {
    expect(takeApartFromSiblings(ids, new Set(), true, 10)).toEqual(['d/a', 'd/b', 'd/c/c1', 'd/e'])
    expect(takeApartFromSiblings(ids, new Set(['d/b', 'd/c']), true, 10)).toEqual(['d/a', 'd/e'])
    expect(takeApartFromSiblings(ids, new Set(), true, 3)).toEqual(['d/a', 'd/b', 'd/c/c1'])
  })

  it('takes every card up to the limit when the option is off', () => {
    expect(takeApartFromSiblings(ids, new Set(['d/a']), false, 3)).toEqual(['d/a', 'd/b', 'd/a/reverse'])
    expect(takeApartFromSiblings(ids, new Set(), false, 0)).toEqual([])
  })
})

describe('siblingsToBury', () => {
  const answered = card('d/n', Queue.Learning, day.start + HOUR, day.start + HOUR)
  const fresh = card('d/n/reverse', Queue.New, 0)

  it('buries a new sibling until the next study day', () => {
    expect(siblingsToBury(answered, [answered, fresh], day, ON)).toEqual([{ ...fresh, queue: Queue.Buried, buriedUntil: day.end }])
    expect(siblingsToBury(answered, [answered, fresh], day, { ...ON, buryNewSiblings: false })).toEqual([])
  })

  it('buries a review sibling due today, not one due on a later day', () => {
    const dueToday = card('d/n/c1', Queue.Review, day.end - 1)
    const dueTomorrow = card('d/n/c2', Queue.Review, day.end)
    expect(siblingsToBury(answered, [dueToday, dueTomorrow], day, ON).map((c) => c.id)).toEqual(['d/n/c1'])
    expect(siblingsToBury(answered, [dueToday], day, { ...ON, buryReviewSiblings: false })).toEqual([])
  })

  it('buries an interday learning sibling, never one learned today', () => {
    const interday = card('d/n/c1', Queue.Learning, day.start + 2 * HOUR, day.start - 20 * HOUR)
    const intraday = card('d/n/c2', Queue.Learning, day.start + 2 * HOUR, day.start + HOUR)
    expect(isInterdayLearning(interday, day)).toBe(true)
    expect(isInterdayLearning(intraday, day)).toBe(false)
    expect(siblingsToBury(answered, [interday, intraday], day, ON).map((c) => c.id)).toEqual(['d/n/c1'])
    expect(siblingsToBury(answered, [interday], day, { ...ON, buryInterdayLearningSiblings: false })).toEqual([])
  })

  it('leaves suspended, buried and removed siblings as they are', () => {
    const out = [card('d/n/c1', Queue.Suspended, 0), card('d/n/c2', Queue.Buried, 0), card('d/n/c3', Queue.Removed, 0)]
    expect(siblingsToBury(answered, out, day, ON)).toEqual([])
  })
})
