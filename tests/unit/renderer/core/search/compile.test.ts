import { Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { compileSearch, searchPredicate, type SearchContext } from '@core/search/compile'
import { parseSearch } from '@core/search/parse'
import { studyDayOf } from '@core/time/study-day'
import { State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'

// Set before anything below computes a study day (the context is built at module load).
const originalTz = process.env.TZ
process.env.TZ = 'Europe/London'
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ
  else process.env.TZ = originalTz
})

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Sunday 1 March 2026, 10:00 GMT; the study day began at 04:00.
const now = Date.UTC(2026, 2, 1, 10)

function card(name: string, fields: Partial<CardRecord>): CardRecord {
  return {
    id: `aws-ml-services/${name}`,
    deckId: 'aws-ml-services',
    cardId: name,
    reverse: false,
    ord: 0,
    question: name,
    answer: '',
    tags: [],
    ...newSchedulingState(now - 30 * DAY),
    queue: Queue.New,
    createdAt: now - 30 * DAY,
    ...fields
  }
}
const reviewState = { state: State.Review, queue: Queue.Review, reps: 5, last_review: now - 10 * DAY }

const cards: CardRecord[] = [
  card('polly', {
    question: 'Amazon Polly',
    answer: 'Converts written text into lifelike **spoken audio** (text-to-speech).',
    tags: ['ai-services', 'speech-and-text']
  }),
  card('resume', {
    ...reviewState,
    question: 'Which service parses a Résumé?',
    answer: 'Amazon Textract',
    extra: 'Forms and tables, beyond OCR',
    tags: ['ai-services', 'specialised-ai'],
    due: now + 20 * HOUR, // Monday 06:00: tomorrow
    scheduled_days: 12,
    stability: 30,
    difficulty: 5,
    reps: 6,
    lapses: 1,
    flag: 1
  }),
  card('learning', {
    state: State.Learning,
    queue: Queue.Learning,
    reps: 1,
    due: now + 5 * 60_000,
    question: 'Amazon Lex',
    tags: ['ai-services', 'natural-language']
  }),
  card('s3', {
    ...reviewState,
    queue: Queue.Suspended,
    question: 'Amazon S3',
    tags: ['aws::s3'],
    due: now - 2 * DAY,
    scheduled_days: 3,
    stability: 2,
    difficulty: 8,
    lapses: 3,
    flag: 3
  }),
  card('stage', {
    id: 'aws-ml-pipeline/stage',
    deckId: 'aws-ml-pipeline',
    queue: Queue.Buried,
    question: 'What are the nine stages of an ML pipeline?',
    answer: '1. Data collection\n2. Data preparation',
    createdAt: now - 2 * HOUR
  }),
  card('athena', {
    ...reviewState,
    question: 'Amazon Athena',
    tags: ['data-and-analytics'],
    due: now + 5 * HOUR,
    scheduled_days: 40,
    stability: 45,
    difficulty: 3
  })
]

const retrievability: Record<string, number> = { resume: 0.95, s3: 0.6, athena: 0.85, learning: 0.99 }
const ctx: SearchContext = {
  now,
  dayStart: studyDayOf(now, 4).start,
  dayStartsAtHour: 4,
  retrievability: (c) => retrievability[c.cardId] ?? 0,
  ratedSince: (key, days) => ({ 'aws-ml-services/resume': 1, 'aws-ml-services/s3': 5 })[key]! <= days,
  deckName: (id) => ({ 'aws-ml-services': 'AWS ML: service → purpose', 'aws-ml-pipeline': 'AWS ML: pipeline stage → services' })[id]
}

function found(query: string): string[] {
  const result = searchPredicate(query)
  if (!result.ok) throw new Error(result.error)
  return cards.filter((c) => result.predicate(c, ctx)).map((c) => c.cardId)
}

const table: [string, string[]][] = [
  ['', ['polly', 'resume', 'learning', 's3', 'stage', 'athena']],
  ['amazon', ['polly', 'resume', 'learning', 's3', 'athena']],
  ['POLLY', ['polly']],
  // Accents count, as in Anki; nc: ignores them (anki-syntax.test.ts).
  ['resume', []],
  ['résumé', ['resume']],
  ['beyond ocr', ['resume']],
  ['"spoken audio"', ['polly']],
  ['"audio spoken"', []],
  ['amazon -polly', ['resume', 'learning', 's3', 'athena']],
  // Free text is the card's text, not its tags, as in Anki.
  ['speech-and-text', []],
  ['text-to-speech', ['polly']],
  ['"data collection 2."', ['stage']],
  ['"a*z*n l"', ['learning']],
  ['a*z*n', ['polly', 'resume', 'learning', 's3', 'athena']],
  ['deck:aws-ml-pipeline', ['stage']],
  ['deck:"AWS ML: pipeline*"', ['stage']],
  ['deck:aws-ml', []],
  ['-deck:aws-ml-s*', ['stage']],
  ['tag:ai-services', ['polly', 'resume', 'learning']],
  ['tag:AI-*', ['polly', 'resume', 'learning']],
  ['tag:ai', []],
  ['tag:aws', ['s3']],
  ['tag:aws::s3', ['s3']],
  ['tag:*::s3', ['s3']],
  ['tag:none', ['stage']],
  ['is:new', ['polly', 'stage']],
  ['is:learn', ['learning']],
  ['is:review', ['resume', 's3', 'athena']],
  ['is:due', ['learning', 'athena']],
  ['is:suspended', ['s3']],
  ['is:buried', ['stage']],
  ['flag:0', ['polly', 'learning', 'stage', 'athena']],
  ['flag:1 OR flag:3', ['resume', 's3']],
  ['prop:ivl>=12', ['resume', 'athena']],
  ['prop:ivl<12', ['learning', 's3']],
  ['prop:due=1', ['resume']],
  ['prop:due=0', ['learning', 'athena']],
  ['prop:due<0', ['s3']],
  ['prop:due=-2', ['s3']],
  ['prop:r<0.8', ['s3']],
  ['prop:r>=0.85', ['resume', 'learning', 'athena']],
  ['prop:s>10', ['resume', 'athena']],
  ['prop:d>=5', ['resume', 's3']],
  ['prop:reps=0', ['polly', 'stage']],
  ['prop:reps!=5', ['polly', 'resume', 'learning', 'stage']],
  ['prop:lapses>0', ['resume', 's3']],
  ['rated:1', ['resume']],
  ['rated:5', ['resume', 's3']],
  ['added:1', ['stage']],
  ['added:31', ['polly', 'resume', 'learning', 's3', 'stage', 'athena']],
  ['added:30', ['stage']],
  ['is:review (tag:ai-services OR tag:data*)', ['resume', 'athena']],
  ['is:review tag:ai-services OR tag:data*', ['resume', 'athena']],
  ['-(is:new OR is:suspended) -is:learn', ['resume', 'athena']],
  ['amazon AND -tag:ai-services', ['s3', 'athena']]
]

describe('compileSearch, on a small set of cards', () => {
  it.each(table)('%j finds %j', (query, expected) => {
    expect(found(query)).toEqual(expected)
  })

  it('passes a parse error through instead of a predicate', () => {
    expect(searchPredicate('tag:x (')).toEqual({ ok: false, error: 'Missing ")" for the "(" at character 7', position: 6 })
  })

  it('sees a card edited into a new object, not the text it had before', () => {
    const predicate = compileSearch((parseSearch('lifelike') as { ok: true; ast: never }).ast)
    const polly = cards[0]!
    expect(predicate(polly, ctx)).toBe(true)
    expect(predicate({ ...polly, answer: 'Text to speech' }, ctx)).toBe(false)
  })
})
