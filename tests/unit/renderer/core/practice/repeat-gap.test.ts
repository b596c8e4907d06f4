import { askAgainLater, rememberAnswered, REPEAT_GAP } from '@core/practice/repeat-gap'
import { describe, expect, it } from 'vitest'

describe('the gap before a practice question comes back', () => {
  it('is three others', () => expect(REPEAT_GAP).toBe(3))

  it('remembers the last three answered, most recent last, each once', () => {
    let recent: string[] = []
    for (const id of ['a', 'b', 'a', 'c', 'd']) recent = rememberAnswered(recent, id)
    expect(recent).toEqual(['a', 'c', 'd'])
  })

  it('asks a missed card again after three others, or after all that are left when fewer are', () => {
    expect(askAgainLater(['a', 'b', 'c', 'd', 'e'], 0)).toEqual(['a', 'b', 'c', 'd', 'a', 'e'])
    expect(askAgainLater(['x', 'a', 'b', 'c'], 1)).toEqual(['x', 'a', 'b', 'c', 'a'])
    expect(askAgainLater(['a', 'b'], 0)).toEqual(['a', 'b', 'a'])
    expect(askAgainLater(['a'], 0)).toEqual(['a', 'a'])
  })
})
