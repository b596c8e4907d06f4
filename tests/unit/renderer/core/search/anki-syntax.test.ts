import { Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { searchPredicate, type SearchContext } from '@core/search/compile'
import { parseSearch } from '@core/search/parse'
import { studyDayOf } from '@core/time/study-day'
import { State } from 'ts-fsrs'
import { afterAll, describe, expect, it } from 'vitest'

// Searches as Anki users type them, checked against what Anki does (rslib/src/search/parser.rs,
// sqlwriter.rs and the searching manual, docs.ankiweb.net/searching.html).

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

const cards: CardRecord[] = [
  card('translate', {
    question: 'Amazon Translate',
    answer: 'Neural machine translation: "über" becomes "over", "Straße" becomes "street".',
    tags: ['ai-services', 'natural-language', 'français']
  }),
  card('comprehend', {
    question: 'Amazon Comprehend',
    answer: 'Finds entities, key phrases and sentiment in text',
    extra: 'Custom classifiers need 50 documents per label',
    tags: ['ai-services', 'natural-language::nlp'],
    createdAt: now - 2 * HOUR
  }),
  card('image-classification', {
    state: State.Review,
    queue: Queue.Review,
    reps: 3,
    question: 'SageMaker Image Classification',
    answer: 'Built-in algorithm; content type image/jpeg or application/x-image',
    extra: 'Hyperparameters such as num_classes and mini_batch_size',
    tags: ['sagemaker::built-in-algorithms']
  }),
  card('resume', {
    question: 'Résumé screening with Amazon Textract',
    answer: 'Reads the fields of a scanned CV (*.pdf or *.png)',
    tags: []
  })
]

const ctx: SearchContext = {
  now,
  dayStart: studyDayOf(now, 4).start,
  dayStartsAtHour: 4,
  retrievability: () => 0.9,
  ratedSince: (key, days) => key === 'aws-ml-services/image-classification' && days >= 1,
  deckName: () => 'AWS ML: service → purpose'
}

function found(query: string): string[] {
  const result = searchPredicate(query)
  if (!result.ok) throw new Error(result.error)
  return cards.filter((c) => result.predicate(c, ctx)).map((c) => c.cardId)
}

describe('searching as in Anki', () => {
  const table: [string, string[], string][] = [
    // Free text is the card's text, never its tags (manual: "does not search for tags").
    ['natural-language', [], 'a tag is not free text'],
    ['ai-services', [], 'a tag is not free text'],
    ['tag:natural-language', ['translate', 'comprehend'], 'tags are found with tag:'],
    ['classifiers', ['comprehend'], 'the extra field is text'],
    // Accents count unless nc: asks otherwise; case never counts (manual: "Ignoring accents").
    ['resume', [], 'accents count'],
    ['uber', [], 'accents count'],
    ['résumé', ['resume'], 'the accented word'],
    ['RÉSUMÉ', ['resume'], 'case does not count, accented letters included'],
    ['ÜBER', ['translate'], 'case does not count'],
    ['nc:uber', ['translate'], 'nc: ignores accents'],
    ['nc:RESUME', ['resume'], 'nc: ignores accents and case'],
    ['-nc:resume', ['translate', 'comprehend', 'image-classification'], 'nc: negated'],
    ['tag:francais', [], 'accents count in tags'],
    ['tag:nc:francais', ['translate'], 'tag:nc: ignores them'],
    // w: whole words, with word boundaries in every script (sqlwriter.rs write_word_boundary).
    ['text', ['comprehend', 'resume'], 'plain text is a substring: Textract'],
    ['w:text', ['comprehend'], 'w: is a whole word'],
    ['w:text*', ['comprehend', 'resume'], 'w: with a wildcard at the end'],
    ['w:*tract', ['resume'], 'w: with a wildcard at the start'],
    ['w:ber', [], '"ber" in "über" is not a word'],
    ['w:straße', ['translate'], 'a word ending in a non-ASCII letter'],
    // re: a regular expression, case-insensitive (manual: "Regular expressions").
    ['re:\\d{2}', ['comprehend'], 'two digits'],
    ['"re:(key|noun) phrases"', ['comprehend'], 'quoted, with a group'],
    ['re:^amazon', ['translate', 'comprehend'], 'anchored at the start of a field'],
    ['re:image/jpe?g', ['image-classification'], 'slashes and ? are the expression’s'],
    ['re:ÜBER', ['translate'], 'case-insensitive'],
    ['"re:(?-i)ÜBER"', [], '(?-i) makes it case-sensitive, as the manual says'],
    ['"re:(?-i)über"', ['translate'], '(?-i) and the right case'],
    ['re:scanned\\s+cv', ['resume'], 'backslashes are the expression’s'],
    ['tag:re:^ai-', ['translate', 'comprehend'], 'tag:re: tests each tag'],
    ['tag:re:^natural-language$', ['translate'], 'tag:re: without the children'],
    // _ is one character, * any run; \_ and \* are literal (manual: "Matching special characters").
    ['tr_nslate', ['translate'], '_ is one character'],
    ['tr__nslate', [], '_ is exactly one character'],
    ['image_jpeg', ['image-classification'], '_ matches the slash of image/jpeg'],
    ['image\\_jpeg', [], '\\_ is an underscore'],
    ['num\\_classes', ['image-classification'], '\\_ finds an underscore'],
    ['scanned*', ['resume'], '* is any run'],
    ['scanned\\*', [], '\\* is a star'],
    ['"(\\*.pdf"', ['resume'], '\\* finds a star'],
    ['tag:sagemaker::built_in*', ['image-classification'], '_ in a tag'],
    // tag:* is every card and tag:none those without tags (sqlwriter.rs write_tag).
    ['tag:*', ['translate', 'comprehend', 'image-classification', 'resume'], 'tag:* is every card, untagged too'],
    ['tag:none', ['resume'], 'tag:none: no tags'],
    ['-tag:none', ['translate', 'comprehend', 'image-classification'], 'cards with a tag'],
    ['tag:natural-language::nlp', ['comprehend'], 'a child tag'],
    ['tag:natural', [], 'a tag is matched whole'],
    // 0 days reads as 1, today (parser.rs parse_added, parse_rated: n.max(1)).
    ['added:0', ['comprehend'], 'added today'],
    ['added:1', ['comprehend'], 'added today'],
    ['rated:0', ['image-classification'], 'rated today'],
    ['rated:1', ['image-classification'], 'rated today'],
    // Keys are read in any case; is: values in lower case (parser.rs: key.to_ascii_lowercase()).
    ['IS:review', ['image-classification'], 'a key in capitals'],
    ['prop:ivl=0', ['image-classification'], 'a whole number of days']
  ]

  it.each(table)('%j finds %j (%s)', (query, expected) => {
    expect(found(query)).toEqual(expected)
  })

  const refused: [string, RegExp][] = [
    // Anki refuses these (parser.rs tests `errors`); so does Recall, saying why.
    ['\\', /"\\" at the end \(character 1\) escapes nothing; type \\\\ to search for a backslash/],
    ['textract\\', /"\\" at the end \(character 9\) escapes nothing/],
    ['C:\\Users', /"\\U" is not an escape: a backslash goes before one of \\ " : \* _ \( \) -/],
    ['\\%', /"\\%" is not an escape/],
    ['"a\\ b"', /"\\ " is not an escape/],
    ['tag:ai\\s', /"\\s" is not an escape/],
    ['is:DUE', /is:DUE: card states are written in lower case, as in Anki: is:due/],
    ['is:New', /card states are written in lower case, as in Anki: is:new/],
    ['prop:ivl=0.5', /prop:ivl takes a whole number of days, 0 or more, not 0\.5, e\.g\. prop:ivl>=10/],
    ['prop:ivl!=-1', /prop:ivl takes a whole number of days, 0 or more, not -1/],
    ['prop:reps<1.5', /prop:reps takes a whole number, 0 or more, not 1\.5/],
    ['prop:lapses>-1', /prop:lapses takes a whole number, 0 or more, not -1/],
    ['prop:due=0.5', /prop:due takes a whole number of days \(negative: overdue\), not 0\.5/],
    ['prop:DUE<5', /prop:DUE<5: property names are written in lower case, as in Anki: prop:due<5/],
    ['rated:-1', /rated: takes a number of days, e\.g\. rated:7/],
    ['added:1.5', /added: takes a number of days/],
    ['"re:("', /re:\( is not a regular expression: unterminated group/],
    ['re:a{2,1}', /re:a\{2,1\} is not a regular expression: numbers out of order/],
    ['tag:re:[a', /tag:re:\[a is not a regular expression: unterminated character class/],
    ['"re:(?x)a b"', /the flag "x" in "\(\?x\)" is not supported; use i, m or s/],
    ['re:', /re: needs a regular expression, e\.g\. re:\\d\{3\}/],
    // Unquoted, a parenthesis ends the term, as in Anki: the message says to quote.
    ['re:(a|b)', /put one with spaces or parentheses in quotes: "re:\(some\|another\) thing"/],
    ['nc:', /nc: needs text to find without accents/],
    ['w:', /w: needs a word/],
    ['tag:nc:', /tag:nc: needs a tag/]
  ]

  it.each(refused)('refuses %j: %s', (query, message) => {
    const result = parseSearch(query)
    expect(result.ok).toBe(false)
    expect(result.ok || result.error).toMatch(message)
  })

  it('places the mistake at the term that holds it', () => {
    expect(parseSearch('tag:aws is:DUE')).toMatchObject({ ok: false, position: 8 })
    expect(parseSearch('amazon "re:("')).toMatchObject({ ok: false, position: 7 })
    expect(parseSearch('amazon \\')).toMatchObject({ ok: false, position: 7 })
  })

  it('reads re: as typed, apart from \\" (manual: "Raw input")', () => {
    expect(parseSearch('re:te\\"st')).toEqual({ ok: true, ast: { kind: 'regex', source: 'te"st' } })
    expect(parseSearch('"re:\\btest\\%"')).toEqual({ ok: true, ast: { kind: 'regex', source: '\\btest\\%' } })
  })
})
