import { IdList } from '@core/search/id-list'
import { describe, expect, it } from 'vitest'

describe('a list of card keys in one string', () => {
  // Keys that contain one another: a card, its reverse, and a deck whose id ends like another's.
  const keys = ['aws/c1', 'aws/c1/reverse', 'my-aws/c1', 'aws/c10', 'aws/c1/c2']
  const list = IdList.of(keys)

  it('gives back each key by position, a run of them, and all of them', () => {
    expect(list.length).toBe(5)
    expect(keys.map((_, i) => list.at(i))).toEqual(keys)
    expect(list.at(-1)).toBeUndefined()
    expect(list.at(5)).toBeUndefined()
    expect(list.slice(1, 3)).toEqual(['aws/c1/reverse', 'my-aws/c1'])
    expect(list.slice(-4, 2)).toEqual(['aws/c1', 'aws/c1/reverse'])
    expect(list.slice(4, 99)).toEqual(['aws/c1/c2'])
    expect(list.slice(3, 3)).toEqual([])
    expect(list.toArray()).toEqual(keys)
    expect(list.toSet()).toEqual(new Set(keys))
  })

  it('finds a key only where it stands whole, not inside a longer one', () => {
    expect(keys.map((k) => list.indexOf(k))).toEqual([0, 1, 2, 3, 4])
    expect(list.indexOf('aws/c')).toBe(-1)
    expect(list.indexOf('c1')).toBe(-1)
    expect(list.indexOf('ws/c1')).toBe(-1)
    expect(IdList.of(['my-aws/c1', 'aws/c1']).indexOf('aws/c1')).toBe(1)
  })

  it('survives the copy a worker sends, and is empty without keys', () => {
    const copy = IdList.from(structuredClone({ text: list.text, starts: list.starts }))
    expect(copy.toArray()).toEqual(keys)
    expect(IdList.of([]).length).toBe(0)
    expect(IdList.empty.toArray()).toEqual([])
    expect(IdList.empty.indexOf('a')).toBe(-1)
  })
})
