import { deckTieOrder, sortOrder, tieOrder, type SortCard } from '@core/search/sort'
import { TextColumn } from '@core/search/text-column'
import { State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'

/** Cards whose stability is the value given; NaN stands for a card never studied. */
const cards = (values: readonly number[]): SortCard[] =>
  values.map((v, k) => ({
    id: `d/c${k}`,
    deckId: k % 3 ? 'b' : 'a',
    ord: k % 5,
    question: '',
    answer: '',
    state: Number.isNaN(v) ? State.New : State.Review,
    due: 0,
    scheduled_days: 0,
    difficulty: 0,
    stability: v,
    reps: 0,
    lapses: 0,
    createdAt: 0
  }))

/** The same order by a plain comparator: values up or down, none last, ties in the order given. */
function plain(values: readonly number[], descending: boolean): number[] {
  return values
    .map((v, k) => ({ v, k }))
    .sort((a, b) => {
      const an = Number.isNaN(a.v)
      const bn = Number.isNaN(b.v)
      if (an || bn) return an === bn ? 0 : an ? 1 : -1
      return a.v === b.v ? 0 : (a.v < b.v ? -1 : 1) * (descending ? -1 : 1)
    })
    .map(({ k }) => k)
}

describe('sorting the browser’s cards by a number', () => {
  const ctx = { deckName: () => undefined, retrievability: () => 0 }

  it('orders any numbers as a plain sort does, both ways, stable, with no value last', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647) * 2 - 1
    const pool = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 1e300, -1e300, Infinity, -Infinity, NaN, 2 ** 53, 3.25]
    const values = Array.from({ length: 3000 }, (_, k) => (k % 4 === 0 ? pool[k % pool.length]! : Math.round(random() * 1e6) / 8))
    const given = cards(values)
    for (const descending of [false, true])
      expect(sortOrder(values.length, (k) => given[k]!, 'stability', descending, ctx)).toEqual(plain(values, descending))
  })

  it('puts cards in deck order, then place in deck, then key, for ties', () => {
    const given = cards([1, 1, 1, 1, 1, 1, 1])
    // Deck a holds c0, c3, c6 at places 0, 3, 1; deck b c1, c2, c4, c5 at 1, 2, 4, 0.
    const order = tieOrder(given.length, (k) => given[k]!).map((k) => given[k]!.id)
    expect(order).toEqual(['d/c0', 'd/c6', 'd/c3', 'd/c5', 'd/c1', 'd/c2', 'd/c4'])
    const twins = [...cards([1, 1]), ...cards([1])].map((c, k) => ({ ...c, deckId: 'a', ord: 0, id: ['a/z', 'a/b', 'a/m'][k]! }))
    expect(tieOrder(twins.length, (k) => twins[k]!).map((k) => twins[k]!.id)).toEqual(['a/b', 'a/m', 'a/z'])
  })

  it('orders one deck’s cards by place, then key, as the general tie order does', () => {
    let seed = 11
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647
    // Places repeated (a note's two cards share one), negative and fractional; keys in any order.
    const ords = Float64Array.from({ length: 2000 }, () => Math.floor(random() * 700) - 50 + (random() < 0.1 ? 0.5 : 0))
    const ids = Array.from(ords, (_, k) => `deck/${Math.floor(random() * 1e6).toString(36)}-${k}`)
    const given = ids.map((id, k) => ({ id, deckId: 'deck', ord: ords[k]! }) as SortCard)
    expect([...deckTieOrder(ords, TextColumn.of(ids))]).toEqual(tieOrder(given.length, (k) => given[k]!))
  })
})
