import { percent, plural } from '@core/format'
import { days, duration, formatInterval, longDate, monthName, shortDate } from '@core/time/format'
import { afterEach, describe, expect, it } from 'vitest'

const originalTz = process.env.TZ
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ
  else process.env.TZ = originalTz
})

describe('how times read on screen', () => {
  it('writes study time in seconds, minutes, or hours and minutes', () => {
    expect(duration(44_600)).toBe('45 s')
    expect(duration(12 * 60_000 + 10_000)).toBe('12 min')
    expect(duration(60 * 60_000)).toBe('1 h')
    expect(duration(65 * 60_000)).toBe('1 h 5 min')
  })

  it('writes a card property in days as Anki does: a decimal under ten days, years past one', () => {
    expect(days(0.46)).toBe('0.5 d')
    expect(days(12.4)).toBe('12 d')
    expect(days(1241)).toBe('3.4 y')
  })

  it('gives intervals in the units of the grade buttons', () => {
    expect(formatInterval(30_000)).toBe('<1m')
    expect(formatInterval(10 * 60_000)).toBe('10m')
    expect(formatInterval(3 * 3_600_000)).toBe('3h')
    expect(formatInterval(75 * 86_400_000)).toBe('2.5mo')
    expect(formatInterval(438 * 86_400_000)).toBe('1.2y')
  })

  it('names dates on the local calendar, not in UTC', () => {
    process.env.TZ = 'Pacific/Auckland'
    const newYearsEveUtc = Date.UTC(2026, 11, 31, 20, 0) // already 1 January in Auckland
    expect(shortDate(newYearsEveUtc)).toMatch(/Jan/)
    expect(shortDate(newYearsEveUtc)).toMatch(/\b1\b/)
    expect(longDate(newYearsEveUtc)).toMatch(/2027/)
    expect(monthName(2026, 2)).toMatch(/Feb/)
    expect(monthName(2026, 2)).toMatch(/2026/)
  })
})

describe('how numbers read on screen', () => {
  it('writes shares as percentages and a missing value as a dash', () => {
    expect(percent(0.873)).toBe('87%')
    expect(percent(0.8735, 1)).toBe('87.4%')
    expect(percent(null)).toBe('—')
    expect(percent(Number.NaN)).toBe('—')
  })

  it('puts the noun in the plural except for exactly one', () => {
    expect(plural(1, 'card')).toBe('1 card')
    expect(plural(0, 'card')).toBe('0 cards')
    expect(plural(2, 'entry', 'entries')).toBe('2 entries')
  })
})
