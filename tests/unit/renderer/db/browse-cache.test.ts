import { Queue, type CardRecord } from '@core/model'
import { columnWriter, emptyDeckColumns, upsertCards, withoutCards, type DeckColumns } from '@core/search/columns'
import { fromStored, textsOf, toStored } from '@db/browse-cache'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

const card = (n: number, fields: Partial<CardRecord> = {}): CardRecord => ({
  id: `d/c${n}`,
  deckId: 'd',
  cardId: `c${n}`,
  reverse: false,
  ord: n,
  question: `Question ${n}`,
  answer: `Answer ${n}`,
  tags: n % 2 ? ['a', 'b'] : [],
  due: 1000 + n,
  stability: n / 2,
  difficulty: 5,
  elapsed_days: 0,
  scheduled_days: n,
  learning_steps: 0,
  reps: n,
  lapses: 0,
  state: State.Review,
  queue: Queue.Review,
  createdAt: 500 + n,
  mod: 9000 + n,
  ...fields
})

/** Every card's field f (0 question, 1 answer, 2 extra), as strings. */
const field = (columns: DeckColumns, f: number) => Array.from({ length: columns.ids.length }, (_, i) => columns.texts.get(3 * i + f))
/** Every card's key. */
const keys = (columns: DeckColumns) => Array.from({ length: columns.ids.length }, (_, i) => columns.ids.get(i))
/** The columns with their keys and texts as strings, to compare however they are packed. */
const comparable = ({ ids, texts, ...rest }: DeckColumns) => ({
  ...rest,
  ids: Array.from({ length: ids.length }, (_, k) => ids.get(k)),
  texts: Array.from({ length: texts.length }, (_, k) => texts.get(k))
})

describe('a deck’s columns for the browser', () => {
  it('are stored as keys with numbers and as texts, and read back the same, texts with any characters included', () => {
    const columns = emptyDeckColumns('d', 123, 3)
    const write = columnWriter(columns)
    write(0, card(0, { question: 'Ünïcode “quotes”\nand a line', extra: 'e\u0000x' }))
    write(1, card(1, { last_review: 77, flag: 3, question: '日本語の質問 🧠 <b>bold</b>', answer: 'half a pair \ud83e here' }))
    write(2, card(2, { question: '', answer: '' }))
    const { keys, texts } = structuredClone(toStored(columns))
    const back = { ...fromStored(keys), texts: textsOf(texts, 3)! }
    expect(comparable(back)).toEqual(comparable(columns))
    expect(texts.builtFrom).toBe(123)
    // Texts saved for another number of cards do not belong to these keys.
    expect(textsOf(texts, 2)).toBeUndefined()
    expect(field(back, 0)).toEqual(['Ünïcode “quotes”\nand a line', '日本語の質問 🧠 <b>bold</b>', ''])
    expect(field(back, 1)).toEqual(['Answer 0', 'half a pair \ud83e here', ''])
    expect(field(back, 2)[0]).toBe('e\u0000x')
    expect(Number.isNaN(back.lastReview[0])).toBe(true)
    expect(back.tagSets[back.tagSet[1]!]).toEqual(['a', 'b'])
  })

  it('refuse a stored record that is not one, so the cache is built again', () => {
    expect(() => fromStored({ deckId: 'd' } as never)).toThrow()
    // Texts whose lengths do not add up to their string.
    expect(textsOf({ deckId: 'd', builtFrom: 0, text: 'abc', lengths: Int32Array.of(1, 1, 0) }, 1)).toBeUndefined()
    const { keys } = toStored(emptyDeckColumns('d', 0, 2))
    expect(() => fromStored({ ...keys, due: new Float64Array(1) })).toThrow(/not readable/)
  })

  it('replace a card where it stands, add new ones at the end, and drop cards by position', () => {
    const columns = upsertCards(emptyDeckColumns('d', 0), [card(0), card(1), card(2)], () => -1)
    const index = (id: string) => keys(columns).indexOf(id)
    const same = upsertCards(columns, [card(1, { question: 'Changed' })], index)
    expect(same).toBe(columns)
    expect(field(columns, 0)).toEqual(['Question 0', 'Changed', 'Question 2'])
    const grown = upsertCards(columns, [card(3), card(0, { reps: 40 })], index)
    expect(keys(grown)).toEqual(['d/c0', 'd/c1', 'd/c2', 'd/c3'])
    expect([...grown.reps]).toEqual([40, 1, 2, 3])
    const fewer = withoutCards(grown, new Set([1, 3]))
    expect(keys(fewer)).toEqual(['d/c0', 'd/c2'])
    expect([...fewer.due]).toEqual([1000, 1002])
    expect(field(fewer, 0)).toEqual(['Question 0', 'Question 2'])
    expect(field(fewer, 1)).toEqual(['Answer 0', 'Answer 2'])
  })
})
