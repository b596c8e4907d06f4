import { Queue } from '@core/model'
import { compileSearch } from '@core/search/compile'
import { parseSearch } from '@core/search/parse'
import { describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import { found, opened, pagingCards, request, SEARCH_CONTEXT, seedPaging } from './browse-collection'

// Few words, some of them inside others (`ape` in `grape`), accented or not, so that the terms of
// an `and` find overlapping sets of cards, some of them in one field and some in another.
const WORDS = ['apple', 'grape', 'ape', 'Café', 'cafe', 'résumé', 'resume', 'über', 'uber', 'kiwi', 'line\nbreak', '東京']
const CTX = SEARCH_CONTEXT

describe('an `and` of free-text terms, its later terms searched only where the earlier ones matched', () => {
  let seed = 11
  const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n)
  const pick = () => WORDS[random(WORDS.length)]!
  const field = () => Array.from({ length: random(4) }, pick).join(' ')
  const term = () => {
    const word = pick().replace('line\nbreak', 'line')
    return [word, `nc:${word}`, `-${word}`, `"${word} ${pick().split('\n')[0]}"`, `${word} OR ${pick().split('\n')[0]}`][random(5)]!
  }

  it('finds the same cards as the compiled predicate run over every card, on random decks', async () => {
    for (let round = 0; round < 4; round++) {
      // Cards of four decks, a few retired (never listed); in some rounds most texts fold differently.
      const cards = pagingCards(300).map((card) => ({
        ...card,
        question: field(),
        answer: round % 2 ? `${field()}\n${field()}` : field(),
        extra: random(3) ? '' : field()
      }))
      const db = freshDatabase()
      await seedPaging(db, cards)
      const engine = await opened(db)
      const listed = cards.filter((c) => c.queue !== Queue.Removed)
      for (let q = 0; q < 25; q++) {
        const query = Array.from({ length: 2 + random(3) }, term).join(' ')
        const parsed = parseSearch(query)
        if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`)
        const predicate = compileSearch(parsed.ast)
        const expected = listed.filter((c) => predicate(c, CTX)).map((c) => c.id)
        expect((await found(engine, request(query))).sort(), query).toEqual(expected.sort())
      }
    }
  })

  it('finds the cards holding every word, wherever each one is, and none missing one', async () => {
    const cards = pagingCards(40).map((card, i) => ({
      ...card,
      question: i % 4 === 0 ? 'grape' : 'kiwi',
      answer: i % 8 === 0 ? 'Café' : 'apple',
      extra: i % 3 === 0 ? 'über' : ''
    }))
    const db = freshDatabase()
    await seedPaging(db, cards)
    const engine = await opened(db)
    const listed = cards.filter((c) => c.queue !== Queue.Removed)
    const ids = (keep: (c: (typeof cards)[number], i: number) => boolean) =>
      listed
        .filter((c) => keep(c, cards.indexOf(c)))
        .map((c) => c.id)
        .sort()
    expect((await found(engine, request('grape café'))).sort()).toEqual(ids((_, i) => i % 8 === 0))
    expect((await found(engine, request('ape nc:uber'))).sort()).toEqual(ids((_, i) => i % 12 === 0))
    expect((await found(engine, request('grape café nc:uber'))).sort()).toEqual(ids((_, i) => i % 24 === 0))
    expect((await found(engine, request('apple -kiwi'))).sort()).toEqual(ids((_, i) => i % 4 === 0 && i % 8 !== 0))
  })
})
