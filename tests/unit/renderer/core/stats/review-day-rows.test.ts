import { createStudyDayLookup, studyDayOf } from '@core/time/study-day'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'

const original = process.env.TZ
afterAll(() => {
  process.env.TZ = original
})

describe('the study-day index for logs in any order', () => {
  // Half-hour and 45-minute offsets, and Lord Howe's half-hour daylight saving, put day starts mid-UTC-hour.
  it.each(['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'])(
    'places every moment in the day studyDayOf gives, in %s',
    (zone) => {
      process.env.TZ = zone
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 23 }),
          fc.array(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), { minLength: 1, maxLength: 200 }),
          (hour, times) => {
            const dayOf = createStudyDayLookup(hour)
            for (const at of times) expect(dayOf(at)).toEqual(studyDayOf(at, hour))
            // Exactly at each boundary, and just before it.
            for (const at of times) {
              const { start } = studyDayOf(at, hour)
              expect(dayOf(start)).toEqual(studyDayOf(start, hour))
              expect(dayOf(start - 1)).toEqual(studyDayOf(start - 1, hour))
            }
          }
        ),
        { numRuns: 60 }
      )
    }
  )
})
