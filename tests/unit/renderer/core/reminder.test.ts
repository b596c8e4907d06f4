import { dueReminderText, formatReminderTime, isReminderDue, nextReminderAt, parseReminderTime } from '@core/reminder'
import { afterEach, describe, expect, it } from 'vitest'

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

describe('the daily reminder time', () => {
  it('reads and writes "HH:MM" and refuses anything else', () => {
    expect(parseReminderTime('18:30')).toEqual({ hour: 18, minute: 30 })
    expect(parseReminderTime('7:05')).toEqual({ hour: 7, minute: 5 })
    for (const bad of ['24:00', '12:60', '1830', '', 'noon', '-1:00']) expect(parseReminderTime(bad)).toBeNull()
    expect(formatReminderTime({ hour: 7, minute: 5 })).toBe('07:05')
  })

  it('is later today if the time has not passed, otherwise tomorrow', () => {
    process.env.TZ = 'Europe/Paris'
    const morning = new Date(2026, 2, 10, 9, 0).getTime()
    expect(new Date(nextReminderAt(morning, { hour: 18, minute: 0 })).toString()).toBe(new Date(2026, 2, 10, 18, 0).toString())
    const evening = new Date(2026, 2, 10, 18, 0).getTime()
    expect(nextReminderAt(evening, { hour: 18, minute: 0 })).toBe(new Date(2026, 2, 11, 18, 0).getTime())
  })

  it('stays at the same wall-clock time across daylight-saving changes', () => {
    process.env.TZ = 'Europe/London'
    // Clocks go forward on 29 March 2026: that day is 23 hours long.
    const before = Date.parse('2026-03-28T18:30:00Z') // 18:30 GMT
    const next = nextReminderAt(before, { hour: 18, minute: 30 })
    expect(new Date(next).toISOString()).toBe('2026-03-29T17:30:00.000Z') // 18:30 BST
    expect(next - before).toBe(23 * 3600_000)
    // Back on 25 October 2026: 25 hours.
    const autumn = Date.parse('2026-10-24T17:30:00Z') // 18:30 BST
    expect(new Date(nextReminderAt(autumn, { hour: 18, minute: 30 })).toISOString()).toBe('2026-10-25T18:30:00.000Z')
  })

  it('is owed on waking the same day, but not a day late', () => {
    const due = new Date(2026, 5, 1, 18, 0).getTime()
    expect(isReminderDue(due - 60_000, due)).toBe(false)
    expect(isReminderDue(new Date(2026, 5, 1, 22, 15).getTime(), due)).toBe(true)
    expect(isReminderDue(new Date(2026, 5, 2, 8, 0).getTime(), due)).toBe(false)
  })

  it('says how many cards are due', () => {
    expect(dueReminderText(1)).toBe('1 card is due in Recall')
    expect(dueReminderText(1234)).toBe('1,234 cards are due in Recall')
  })
})
