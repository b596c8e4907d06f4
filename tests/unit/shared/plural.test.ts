import { agree, plural, wasWere } from '@shared/plural'
import { describe, expect, it } from 'vitest'

describe('the plural rule of every message', () => {
  it('writes one without an s, none and many with it, and the words that agree', () => {
    expect(`${plural(1, 'row')} ${wasWere(1)} skipped`).toBe('1 row was skipped')
    expect(`${plural(0, 'row')} ${wasWere(0)} skipped`).toBe('0 rows were skipped')
    expect(`${plural(2, 'review-log entry', 'review-log entries')} ${agree(2, 'belongs', 'belong')}`).toBe('2 review-log entries belong')
    expect(`${plural(1, 'card')} kept ${agree(1, 'its', 'their')} progress`).toBe('1 card kept its progress')
  })
})
