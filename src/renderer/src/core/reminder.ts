/**
 * The daily reminder: at a chosen local time, "N cards are due". Times are wall-clock times, so
 * they are computed with local calendar arithmetic (setDate/setHours), never by adding 24 hours:
 * across a daylight-saving change the reminder stays at 18:30, it does not drift to 17:30.
 */
export interface ReminderTime {
  hour: number
  minute: number
}

export const DEFAULT_REMINDER_TIME = '18:00'

/** "HH:MM" (what `<input type="time">` gives) → hour and minute, or null for anything else. */
export function parseReminderTime(text: string): ReminderTime | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return null
  const hour = Number(match[1])
  const minute = Number(match[2])
  return hour <= 23 && minute <= 59 ? { hour, minute } : null
}

export function formatReminderTime({ hour, minute }: ReminderTime): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

/** The reminder time on the calendar day of `at` (a time that a spring-forward skips lands just after the gap). */
function onDayOf(at: number, time: ReminderTime, dayOffset: number): number {
  const date = new Date(at)
  date.setDate(date.getDate() + dayOffset)
  date.setHours(time.hour, time.minute, 0, 0)
  return date.getTime()
}

/** The first reminder strictly after `now`. */
export function nextReminderAt(now: number, time: ReminderTime): number {
  const today = onDayOf(now, time, 0)
  return today > now ? today : onDayOf(now, time, 1)
}

/**
 * Whether the reminder planned for `due` should show now. A computer asleep at 18:00 reminds on
 * waking the same calendar day; a reminder missed by a whole day is dropped rather than shown stale.
 */
export function isReminderDue(now: number, due: number): boolean {
  return now >= due && new Date(now).toDateString() === new Date(due).toDateString()
}

export function dueReminderText(count: number): string {
  return count === 1 ? '1 card is due in Recall' : `${count.toLocaleString('en')} cards are due in Recall`
}
