import { isDeviceId } from '@shared/sync/device-id'

/**
 * A hybrid logical clock (Kulkarni et al., 2014): the time a device gives each change it makes.
 * `wall` is the greatest wall-clock time (epoch ms) the device has seen, its own or in a stamp it
 * received; `count` orders changes within one `wall`; `device` breaks the last tie, so no two
 * devices ever make the same stamp.
 *
 * Why not the wall clock alone: clocks of two machines are minutes or hours apart, and a change
 * made after seeing another would then be able to come "before" it. A device that receives a
 * stamp moves its clock up to it, so every change it makes afterwards is later than everything it
 * has seen (causality is kept), and while no stamp arrives the clock stays close to its own time.
 * A clock hours ahead drags the others' `wall` forward only until real time catches up; `count`
 * keeps ordering their changes meanwhile.
 */
export interface Hlc {
  readonly wall: number
  readonly count: number
  readonly device: string
}

/**
 * A stamp as written in a change record: `wall` as 15 decimal digits, `count` as 8 hex digits and
 * the device id, joined by `-`. Fixed widths make string order the clock's order, so stamps are
 * compared, sorted and used as keys as plain strings.
 */
export type Stamp = string

const WALL_DIGITS = 15
const MAX_WALL = 10 ** WALL_DIGITS - 1
const MAX_COUNT = 0xffffffff
const STAMP = /^(\d{15})-([0-9a-f]{8})-([0-9a-f]{16})$/

/** A device's clock before its first change, or after its last stamp (kept with the collection). */
export function startHlc(device: string, last?: Stamp): Hlc {
  if (!isDeviceId(device)) throw new RangeError(`Not a device id: ${String(device)}`)
  const parsed = last === undefined ? undefined : parseStamp(last)
  return parsed && parsed.device === device ? parsed : { wall: 0, count: 0, device }
}

/** The clock for a change made at `now` (the device's wall clock, epoch ms). */
export function tick(clock: Hlc, now: number): Hlc {
  const wall = Math.max(clock.wall, wholeMs(now))
  return next(clock.device, wall, wall === clock.wall ? clock.count + 1 : 0)
}

/** The clock after reading a stamp from another device at `now`: later than both, close to `now`. */
export function receive(clock: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(clock.wall, remote.wall, wholeMs(now))
  if (wall === clock.wall && wall === remote.wall) return next(clock.device, wall, Math.max(clock.count, remote.count) + 1)
  if (wall === clock.wall) return next(clock.device, wall, clock.count + 1)
  if (wall === remote.wall) return next(clock.device, wall, remote.count + 1)
  return next(clock.device, wall, 0)
}

/** More than 2³² changes in one millisecond (never, in practice) borrow the next millisecond. */
function next(device: string, wall: number, count: number): Hlc {
  if (count > MAX_COUNT) return { wall: wall + 1, count: 0, device }
  if (wall > MAX_WALL) throw new RangeError(`A clock past the year 33658: ${wall}`)
  return { wall, count, device }
}

/** Counts from here up are history stamps' (`historyStamp`): a live clock never counts that far in one millisecond. */
const HISTORY_COUNT = 0x80000000

/**
 * The stamp of a review from a collection's history, sent when the collection is linked by merging
 * (or restored while linked): at the review's own time, not at the link, so that the histories of
 * one card studied on two machines before they were linked replay in the order the grades were
 * given. `n`, the review's key on this device (unique there), keeps two reviews of one millisecond
 * apart. It leaves the device's clock where it is.
 */
export function historyStamp(device: string, review: number, n: number): Stamp {
  return formatStamp({ wall: wholeMs(review), count: HISTORY_COUNT + (Math.abs(Math.trunc(n)) % HISTORY_COUNT), device })
}

function wholeMs(now: number): number {
  if (!Number.isFinite(now)) throw new RangeError(`Not a time: ${now}`)
  return Math.max(0, Math.floor(now))
}

export function formatStamp(clock: Hlc): Stamp {
  return `${String(clock.wall).padStart(WALL_DIGITS, '0')}-${clock.count.toString(16).padStart(8, '0')}-${clock.device}`
}

export function parseStamp(text: unknown): Hlc | undefined {
  if (typeof text !== 'string') return undefined
  const match = STAMP.exec(text)
  if (!match) return undefined
  return { wall: Number(match[1]), count: parseInt(match[2]!, 16), device: match[3]! }
}

export function isStamp(text: unknown): text is Stamp {
  return typeof text === 'string' && STAMP.test(text)
}

/** The device that made a stamp. */
export function stampDevice(stamp: Stamp): string {
  return stamp.slice(WALL_DIGITS + 10)
}
