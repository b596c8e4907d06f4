import { Queue, type CardRecord } from '@core/model'
import { forgottenCardKeys, selectCustomStudy } from '@core/practice/custom-study'
import { Rating, State } from 'ts-fsrs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDeck, studyCardsOf } from '../../../helpers/built-in-cards'

const originalTz = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Europe/London'
})
afterAll(() => {
  process.env.TZ = originalTz
})

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Sunday 1 March 2026, 10:00 in London (GMT); the study day began at 04:00.
const now = Date.UTC(2026, 2, 1, 10)
const scope = { now, dayStartsAtHour: 4 }
const services = studyCardsOf(readDeck('aws-ml-services'))
const pipeline = studyCardsOf(readDeck('aws-ml-pipeline'))

const reviewed = (card: CardRecord, due: number, queue: CardRecord['queue'] = Queue.Review): CardRecord => ({
  ...card,
  state: State.Review,
  queue,
  due,
  reps: 3,
  scheduled_days: 5
})

describe('custom study: review ahead', () => {
  const [a, b, c, d, e, f, g] = services
  const cards = [
    reviewed(a!, now + 3 * DAY), // Wednesday
    reviewed(b!, now + 17 * HOUR), // Monday 03:00: still Sunday's study day, already in today's queue
    reviewed(c!, now + 19 * HOUR), // Monday 05:00
    reviewed(d!, now + 7 * DAY + 17 * HOUR), // Monday 9 March, 03:00: the last hour of day 7
    reviewed(e!, now + 7 * DAY + 19 * HOUR), // Monday 9 March, 05:00: day 8
    reviewed(f!, now + 20 * HOUR, Queue.Suspended),
    { ...g!, due: now + DAY }
  ]

  it('selects review cards due in the next N study days, soonest first, leaving out today, suspended and new cards', () => {
    expect(selectCustomStudy(cards, { kind: 'review-ahead', days: 7 }, scope)).toEqual([c!.id, a!.id, d!.id])
    expect(selectCustomStudy(cards, { kind: 'review-ahead', days: 1 }, scope)).toEqual([c!.id])
    expect(selectCustomStudy(cards, { kind: 'review-ahead', days: 7 }, { ...scope, limit: 2 })).toEqual([c!.id, a!.id])
  })

  it('does not touch the cards it selects', () => {
    const before = structuredClone(cards)
    selectCustomStudy(cards, { kind: 'review-ahead', days: 30 }, scope)
    expect(cards).toEqual(before)
  })
})

describe('custom study: by tag', () => {
  it('selects every card with any of the tags, reviewed ones by due date before new ones in deck order', () => {
    const cards = services.map((c) => (c.cardId === 'translate' && !c.reverse ? reviewed(c, now - DAY) : c))
    const keys = selectCustomStudy(cards, { kind: 'tags', tags: ['Speech-and-Text', 'vision'] }, scope)
    expect(keys).toEqual([
      'aws-ml-services/translate',
      'aws-ml-services/rekognition',
      'aws-ml-services/polly',
      'aws-ml-services/transcribe',
      'aws-ml-services/rekognition/reverse',
      'aws-ml-services/polly/reverse',
      'aws-ml-services/transcribe/reverse',
      'aws-ml-services/translate/reverse'
    ])
  })

  it('selects child tags with their parent, but not tags that only start the same way', () => {
    const base = services.slice(0, 3)
    const cards = [
      { ...base[0]!, tags: ['aws::s3'] },
      { ...base[1]!, tags: ['aws'] },
      { ...base[2]!, tags: ['aws-ml'] }
    ]
    expect(selectCustomStudy(cards, { kind: 'tags', tags: ['aws'] }, scope)).toEqual([base[0]!.id, base[1]!.id])
  })

  it('keeps to the chosen decks and leaves out buried and removed cards', () => {
    const cards = [...services, ...pipeline].map((c) =>
      c.cardId === 'polly' ? { ...c, queue: Queue.Buried } : c.cardId === 'transcribe' ? { ...c, queue: Queue.Removed } : c
    )
    expect(
      selectCustomStudy(cards, { kind: 'tags', tags: ['speech-and-text', 'ml-pipeline'] }, { ...scope, deckIds: ['aws-ml-services'] })
    ).toEqual(['aws-ml-services/translate', 'aws-ml-services/translate/reverse'])
  })
})

describe('custom study: forgotten cards', () => {
  const yesterday5am = Date.UTC(2026, 1, 28, 5)
  const yesterday3am = Date.UTC(2026, 1, 28, 3) // before 4 am: still Friday's study day
  const reviews = [
    { cardKey: 'aws-ml-services/polly', rating: Rating.Again, review: yesterday5am },
    { cardKey: 'aws-ml-services/lex', rating: Rating.Again, review: yesterday3am },
    { cardKey: 'aws-ml-services/kendra', rating: Rating.Good, review: now - HOUR },
    { cardKey: 'aws-ml-services/athena', rating: Rating.Again, review: now - HOUR }
  ]

  it('finds the cards answered Again in the last N study days, today included', () => {
    expect([...forgottenCardKeys(reviews, 1, now, 4)]).toEqual(['aws-ml-services/athena'])
    expect([...forgottenCardKeys(reviews, 2, now, 4)].sort()).toEqual(['aws-ml-services/athena', 'aws-ml-services/polly'])
    expect([...forgottenCardKeys(reviews, 3, now, 4)]).toHaveLength(3)
  })

  it('selects those cards, most overdue first', () => {
    const keys = forgottenCardKeys(reviews, 3, now, 4)
    const cards = services.map((c) => (keys.has(c.id) ? reviewed(c, c.cardId === 'lex' ? now - 2 * DAY : now + HOUR, Queue.Learning) : c))
    expect(selectCustomStudy(cards, { kind: 'forgotten', cardKeys: keys }, scope)).toEqual([
      'aws-ml-services/lex',
      'aws-ml-services/athena',
      'aws-ml-services/polly'
    ])
  })
})

describe('custom study: preview new cards', () => {
  it('selects the first N new cards in deck order, skipping cards already studied', () => {
    const cards = pipeline.map((c) => (c.cardId === 'term-ml' && !c.reverse ? reviewed(c, now + DAY) : c)).reverse()
    expect(selectCustomStudy(cards, { kind: 'preview-new', count: 3 }, scope)).toEqual([
      'aws-ml-pipeline/term-ai',
      'aws-ml-pipeline/term-dl',
      'aws-ml-pipeline/layer-ai-services'
    ])
  })

  it('stops at 100 cards unless told otherwise', () => {
    const many = [...services, ...pipeline]
    expect(selectCustomStudy(many, { kind: 'preview-new', count: 500 }, scope)).toHaveLength(100)
    expect(selectCustomStudy(many, { kind: 'preview-new', count: 500 }, { ...scope, limit: 200 })).toHaveLength(many.length)
  })
})
