import { formatStamp, historyStamp, parseStamp, receive, startHlc, tick, type Hlc } from '@shared/sync/hlc'
import { isDeviceId, newDeviceId } from '@shared/sync/device-id'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const LAPTOP = 'aaaaaaaaaaaaaaaa'
const DESKTOP = 'bbbbbbbbbbbbbbbb'
const HOUR = 3_600_000
const T = Date.UTC(2025, 2, 1, 10)

describe('device ids', () => {
  it('are 16 hex digits from 8 random bytes, and nothing else passes', () => {
    const id = newDeviceId(Uint8Array.from([0, 1, 2, 0xab, 0xcd, 0xef, 0x10, 0xff]))
    expect(id).toBe('000102abcdef10ff')
    expect(isDeviceId(id)).toBe(true)
    expect(isDeviceId('000102ABCDEF10FF')).toBe(false)
    expect(isDeviceId('000102abcdef10ff (1)')).toBe(false)
    expect(() => newDeviceId(new Uint8Array(4))).toThrow(RangeError)
  })
})

describe('the hybrid logical clock', () => {
  it('orders stamps as text in the order of the clock: wall time, then counter, then device', () => {
    const stamps = fc.record({
      wall: fc.integer({ min: 0, max: 4e12 }),
      count: fc.integer({ min: 0, max: 0xffffffff }),
      device: fc.constantFrom(LAPTOP, DESKTOP)
    })
    fc.assert(
      fc.property(stamps, stamps, (a, b) => {
        const byClock = a.wall - b.wall || a.count - b.count || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0)
        const byText = formatStamp(a) < formatStamp(b) ? -1 : formatStamp(a) > formatStamp(b) ? 1 : 0
        expect(byText).toBe(Math.sign(byClock))
        expect(parseStamp(formatStamp(a))).toEqual(a)
      })
    )
  })

  it('never goes backwards, even when the wall clock does (a time-zone or NTP correction)', () => {
    let clock = startHlc(LAPTOP)
    const seen: string[] = []
    for (const now of [T, T + 5, T - HOUR, T - HOUR, T + 10, T + 10]) {
      clock = tick(clock, now)
      seen.push(formatStamp(clock))
    }
    expect([...seen].sort()).toEqual(seen)
    expect(new Set(seen).size).toBe(seen.length)
    expect(parseStamp(seen[2])).toEqual({ wall: T + 5, count: 1, device: LAPTOP })
  })

  it("puts a change made after reading another machine's change after it, though its own clock is three hours behind", () => {
    let desktop = startHlc(DESKTOP)
    desktop = tick(desktop, T)
    let laptop = startHlc(LAPTOP)
    laptop = receive(laptop, desktop, T + 60_000 - 3 * HOUR)
    laptop = tick(laptop, T + 120_000 - 3 * HOUR)
    expect(formatStamp(laptop) > formatStamp(desktop)).toBe(true)
    // Once its own clock passes the wall it borrowed, it runs on its own time again.
    laptop = tick(laptop, T + 5 * HOUR)
    expect(laptop).toEqual({ wall: T + 5 * HOUR, count: 0, device: LAPTOP })
  })

  it('is later than both clocks after a receive, in every case', () => {
    const clock = (device: string) =>
      fc.record({
        wall: fc.integer({ min: T - 10 * HOUR, max: T + 10 * HOUR }),
        count: fc.integer({ min: 0, max: 50 }),
        device: fc.constant(device)
      })
    fc.assert(
      fc.property(clock(LAPTOP), clock(DESKTOP), fc.integer({ min: T - 10 * HOUR, max: T + 10 * HOUR }), (local: Hlc, remote: Hlc, now) => {
        const next = receive(local, remote, now)
        expect(formatStamp(next) > formatStamp(local)).toBe(true)
        expect(formatStamp({ ...next, device: DESKTOP }) > formatStamp(remote)).toBe(true)
        expect(next.wall).toBe(Math.max(local.wall, remote.wall, now))
      })
    )
  })

  it('borrows the next millisecond after 2³² changes in one', () => {
    expect(tick({ wall: T, count: 0xffffffff, device: LAPTOP }, T)).toEqual({ wall: T + 1, count: 0, device: LAPTOP })
  })

  it('starts again from the last stamp the device kept, and refuses what is no stamp', () => {
    const last = formatStamp({ wall: T, count: 7, device: LAPTOP })
    expect(startHlc(LAPTOP, last)).toEqual({ wall: T, count: 7, device: LAPTOP })
    expect(startHlc(LAPTOP, formatStamp({ wall: T, count: 7, device: DESKTOP }))).toEqual({ wall: 0, count: 0, device: LAPTOP })
    for (const text of ['', '1740823200000-00000007-aaaaaaaaaaaaaaaa', `${last}x`, 42]) expect(parseStamp(text)).toBeUndefined()
    expect(() => startHlc('laptop')).toThrow(RangeError)
  })
})

describe('history stamps (a collection linked by merging)', () => {
  const device = LAPTOP
  it('order reviews by their own time, keep two of one millisecond apart, and read back as this device’s stamps', () => {
    const early = historyStamp(device, Date.UTC(2026, 0, 1), 7)
    const twin = historyStamp(device, Date.UTC(2026, 0, 1), 8)
    const later = historyStamp(device, Date.UTC(2026, 0, 2), 3)
    expect(early < twin && twin < later).toBe(true)
    expect(parseStamp(early)).toMatchObject({ wall: Date.UTC(2026, 0, 1), device })
    // Above any count a live clock reaches in that millisecond: a live change of the same time sorts first.
    expect(formatStamp(tick(startHlc(device), Date.UTC(2026, 0, 1))) < early).toBe(true)
  })
})
