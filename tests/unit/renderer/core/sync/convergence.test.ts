import type { DayLoads } from '@core/scheduling/load-balance'
import type { SyncChange, SyncTable } from '@shared/sync/changes'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@shared/durations'
import { snapshotKey } from '@core/sync/folder-state'
import { readSyncFolder } from '@shared/sync/read-sync-folder'
import fc from 'fast-check'
import type { Grade } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { collectionSnapshot, SimulatedDevice } from './simulated-device'

/**
 * The property of issue 24: several machines study, edit, import and delete offline, on clocks
 * hours apart; their sync engine carries the segments in any order, late, twice, cut short, under
 * temporary names and as conflict copies. Once every segment has arrived everywhere, every machine
 * has the same collection, every review made anywhere (and not taken back) is in it exactly once,
 * and each field holds its latest write. Along the way nothing is applied half.
 */
const T = new Date(2025, 2, 3, 9).getTime()
const DECKS = ['aws', 'gcp']
const NOTES = DECKS.flatMap((deck) => ['n1', 'n2', 'n3'].map((note) => `${deck}/${note}`))
const CARDS = [...NOTES, 'aws/n1/reverse', 'gcp/n2/reverse']
const MEDIA_NAMES = ['diagram.png', 'bucket.png']
const CONTENTS = ['a', 'b', 'c'].map((c) => c.repeat(64))

/** The machine that joins once the others have settled (and perhaps compacted). */
const LATE_DEVICE = '1a7e1a7e1a7e1a7e'

type EditKind = 'note' | 'card' | 'deck' | 'options' | 'exam' | 'setting'
interface EditTarget {
  k: EditKind
  key: string
  field: string
  values: readonly unknown[]
}
const EDITS: EditTarget[] = [
  ...NOTES.flatMap((key) => [
    { k: 'note' as const, key, field: 'front', values: ['A', 'B', 'C', 'D'] },
    { k: 'note' as const, key, field: 'tags', values: [[], ['x'], ['x', 'y']] }
  ]),
  ...CARDS.flatMap((key) => [
    { k: 'card' as const, key, field: 'flag', values: [0, 1, 2, 3] },
    { k: 'card' as const, key, field: 'queue', values: [-1, -2, 0] }
  ]),
  ...DECKS.flatMap((key) => [
    { k: 'deck' as const, key, field: 'name', values: ['One', 'Two', 'Three'] },
    { k: 'deck' as const, key, field: 'presetId', values: ['default', 'exam'] }
  ]),
  ...['default', 'exam'].flatMap((key) => [
    { k: 'options' as const, key, field: 'options.request_retention', values: [0.8, 0.85, 0.9, 0.95] },
    { k: 'options' as const, key, field: 'options.maximum_interval', values: [30, 365, 36500] },
    { k: 'options' as const, key, field: 'options.enable_fuzz', values: [true, false] }
  ]),
  { k: 'exam', key: 'aif', field: 'date', values: [T + 20 * DAY_MS, T + 40 * DAY_MS, T + 90 * DAY_MS] },
  { k: 'setting', key: 'dayStartsAtHour', field: 'value', values: [3, 4, 5] }
]
const REMOVALS = [
  ...DECKS.map((key) => ({ what: 'deck' as const, key })),
  ...NOTES.map((key) => ({ what: 'note' as const, key })),
  ...CARDS.map((key) => ({ what: 'card' as const, key })),
  { what: 'options' as const, key: 'exam' },
  { what: 'exam' as const, key: 'aif' },
  ...MEDIA_NAMES.map((key) => ({ what: 'media' as const, key }))
]

type Delivery = 'whole' | 'partial' | 'temporary name' | 'conflict copy' | 'partial conflict copy' | 'again'
type Action =
  | { kind: 'advance'; ms: number }
  | { kind: 'grade'; device: number; card: number; rating: Grade; balanced: boolean }
  | { kind: 'reset'; device: number; card: number }
  | { kind: 'undo'; device: number }
  | { kind: 'edit'; device: number; target: number; value: number }
  | { kind: 'import'; device: number; deck: number }
  | { kind: 'remove'; device: number; target: number }
  | { kind: 'mock-exam'; device: number }
  | { kind: 'media'; device: number; name: number; content: number }
  | { kind: 'publish'; device: number }
  | { kind: 'deliver'; from: number; to: number; file: number; how: Delivery; cut: number }
  | { kind: 'pull'; device: number }
  | { kind: 'snapshot'; device: number }
  | { kind: 'compact'; device: number }
  /** The engine carries one removal (compaction) from a machine's folder to another's. */
  | { kind: 'deliver-removal'; from: number; to: number; file: number }

const device = fc.nat({ max: 7 })
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1000, max: HOUR_MS }) },
        { weight: 3, arbitrary: fc.integer({ min: HOUR_MS, max: 4 * DAY_MS }) },
        { weight: 1, arbitrary: fc.integer({ min: 30 * DAY_MS, max: 150 * DAY_MS }) }
      )
    })
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('grade' as const),
      device,
      card: fc.nat(),
      rating: fc.constantFrom<Grade>(1, 2, 3, 4),
      balanced: fc.boolean()
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), device, card: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), device }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, target: fc.nat(), value: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), device, deck: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), device, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mock-exam' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('media' as const), device, name: fc.nat(), content: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('publish' as const), device }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      from: device,
      to: device,
      file: fc.nat(),
      how: fc.constantFrom<Delivery>('whole', 'whole', 'partial', 'temporary name', 'conflict copy', 'partial conflict copy', 'again'),
      cut: fc.nat()
    })
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver-removal' as const), from: device, to: device, file: fc.nat() }) }
)

const machines = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[0-9a-f]{16}$/), skew: fc.integer({ min: -8 * HOUR_MS, max: 8 * HOUR_MS }) }),
  { minLength: 2, maxLength: 4, selector: (m) => m.id }
)

/** How the engines name a copy of `0000000003.seg` (stem and extension) or `snapshot-0000000002.snap` in the folder of device `d`. */
const COPY_NAMES = [
  (stem: string, ext: string) => `${stem}.sync-conflict-20250303-101500-ABCDEF7${ext}`,
  (stem: string, ext: string) => `${stem} (Laptop's conflicted copy 2025-03-03)${ext}`,
  (stem: string, ext: string) => `${stem} (1)${ext}`,
  (stem: string, ext: string) => `${stem} 2${ext}`
]
/** A machine's own segments and snapshots under their own names (not copies, not temporary files). */
const isOwnFile = (device: string, path: string) =>
  path.startsWith(`${device}/`) && !path.includes(' ') && !path.includes('sync-conflict') && /\.(seg|snap)$/.test(path)

class World {
  now = T
  readonly devices: SimulatedDevice[]
  /** Every closed segment and snapshot: its key (`device/seq/checksum`, `device/snapshot-n/checksum`) → the ids of its reviews. */
  readonly published = new Map<string, string[]>()
  /** Paths each machine removed from its own folder (compaction), by machine. */
  readonly removals = new Map<SimulatedDevice, string[]>()
  private mockExams = 0

  /**
   * With `older`, the last machine is a Recall older than snapshots: it reads segments only and
   * writes no snapshot, and it has written a segment before anything else happens, so the others
   * know it. Compaction must then hold back every removal it has not acknowledged (it never does).
   */
  constructor(
    specs: ReadonlyArray<{ id: string; skew: number }>,
    older = false,
    /** The longest snapshot file: small, snapshots come in parts that the engines carry one by one. */
    private readonly partChars = Infinity
  ) {
    this.devices = specs.map((spec, i) => new SimulatedDevice(spec.id, spec.skew, !(older && i === specs.length - 1)))
    const old = this.devices.at(-1)!
    if (older) {
      old.setting(this.now, 'dayStartsAtHour', 4)
      this.publish(old)
      for (const [path, text] of old.view) for (const to of this.devices) to.view.set(path, text)
    }
  }

  run(a: Action): void {
    const d = 'device' in a ? this.devices[a.device % this.devices.length]! : undefined
    switch (a.kind) {
      case 'advance':
        this.now += a.ms
        return
      case 'grade':
        d!.grade(this.now, CARDS[a.card % CARDS.length]!, a.rating, a.balanced ? loads(a.card) : undefined)
        return
      case 'reset':
        d!.reset(this.now, CARDS[a.card % CARDS.length]!)
        return
      case 'undo': {
        const last = d!.made.findLast((c) => c.k === 'review')
        if (last && !d!.made.some((c) => c.k === 'undo' && c.review === last.id)) d!.undo(this.now, last.id)
        return
      }
      case 'edit': {
        const target = EDITS[a.target % EDITS.length]!
        const value = target.values[a.value % target.values.length]
        if (target.k === 'setting') d!.setting(this.now, target.key, value)
        else d!.edit(this.now, target.k, target.key, { [target.field]: value })
        return
      }
      case 'import': {
        const deck = DECKS[a.deck % DECKS.length]!
        const notes = NOTES.filter((key) => key.startsWith(`${deck}/`)).map((key) => ({
          key,
          fields: { type: 'basic', front: key, back: 'imported' }
        }))
        d!.importDeck(this.now, deck, { name: deck.toUpperCase(), origin: 'user' }, notes)
        return
      }
      case 'remove': {
        const { what, key } = REMOVALS[a.target % REMOVALS.length]!
        d!.remove(this.now, what, key)
        return
      }
      case 'mock-exam':
        d!.mockExam(this.now, `${d!.id}-${++this.mockExams}`, { score: this.mockExams / 10 })
        return
      case 'media':
        d!.media(this.now, MEDIA_NAMES[a.name % MEDIA_NAMES.length]!, CONTENTS[a.content % CONTENTS.length]!, `image/png; by ${d!.id}`)
        return
      case 'publish':
        return this.publish(d!)
      case 'deliver':
        return this.deliver(a)
      case 'pull':
        return this.pull(d!)
      case 'snapshot':
        return this.snapshot(d!)
      case 'compact':
        this.removals.set(d!, [...(this.removals.get(d!) ?? []), ...d!.compact()])
        return
      case 'deliver-removal': {
        const from = this.devices[a.from % this.devices.length]!
        const removed = this.removals.get(from) ?? []
        const path = removed[a.file % Math.max(1, removed.length)]
        if (path) this.devices[a.to % this.devices.length]!.view.delete(path)
        return
      }
    }
  }

  snapshot(d: SimulatedDevice): void {
    if (!d.readsSnapshots) return
    this.publish(d)
    const [read] = readSyncFolder(d.snapshotFiles(this.partChars)).snapshots
    this.published.set(
      snapshotKey(read!),
      read!.changes.flatMap((c) => (c.k === 'review' ? [c.id] : []))
    )
  }

  publish(d: SimulatedDevice): void {
    const segment = d.publish()
    if (!segment) return
    const [read] = readSyncFolder([segment]).segments
    this.published.set(
      `${read!.device}/${read!.seq}/${read!.checksum}`,
      read!.changes.flatMap((c) => (c.k === 'review' ? [c.id] : []))
    )
  }

  deliver(a: Extract<Action, { kind: 'deliver' }>): void {
    const from = this.devices[a.from % this.devices.length]!
    const to = this.devices[a.to % this.devices.length]!
    const own = [...from.view.keys()].filter((path) => isOwnFile(from.id, path))
    const path = own.sort()[a.file % Math.max(1, own.length)]
    if (!path || (from === to && !a.how.includes('copy'))) return
    const text = from.view.get(path)!
    // Cut anywhere, or (as often) after a whole line: a file cut there must not pass for a segment either.
    const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index + 1).slice(0, -1)
    const part = text.slice(0, a.cut % 2 === 0 ? a.cut % text.length : lineEnds[a.cut % lineEnds.length])
    const name = path.slice(from.id.length + 1)
    const ext = name.slice(name.lastIndexOf('.'))
    const copy = `${from.id}/${COPY_NAMES[a.cut % COPY_NAMES.length]!(name.slice(0, -ext.length), ext)}`
    switch (a.how) {
      case 'whole':
      case 'again':
        to.view.set(path, text)
        return
      case 'partial':
        // An engine writes a file a piece at a time, but never takes a whole segment back.
        if (to.view.get(path) !== text) to.view.set(path, part)
        return
      case 'temporary name':
        to.view.set(`${from.id}/.syncthing.${name}.tmp`, part)
        return
      case 'conflict copy':
        to.view.set(copy, text)
        return
      case 'partial conflict copy':
        to.view.set(copy, part)
        return
    }
  }

  pull(d: SimulatedDevice): void {
    d.pull(this.now)
    // Nothing applied half: the reviews a machine holds are its own and those of whole segments it applied.
    const expected = new Set(d.made.flatMap((c) => (c.k === 'review' ? [c.id] : [])))
    for (const key of d.applied) {
      // Its own segments hold its own reviews; its own snapshot holds whatever it had applied.
      if (key.startsWith(`${d.id}/`) && !key.includes('/snapshot-')) continue
      const reviews = this.published.get(key)
      expect(reviews, `applied ${key}, which no machine closed`).toBeDefined()
      for (const id of reviews!) expected.add(id)
    }
    expect(new Set(d.state.reviews.keys())).toEqual(expected)
  }

  /** Every machine closes what it has; the engines finish carrying everything, removals too (stray temporary files and copies stay). */
  settle(): void {
    for (const d of this.devices) this.publish(d)
    this.carryEverything()
    this.now += MINUTE_MS
    for (const d of this.devices) this.pull(d)
  }

  /** Every machine writes a snapshot and compacts, in turn, each seeing the folder as it is; then everything is carried and read again. */
  compactAll(): void {
    for (const d of this.devices) {
      this.snapshot(d)
      this.carryEverything()
    }
    for (const d of this.devices) {
      this.removals.set(d, [...(this.removals.get(d) ?? []), ...d.compact()])
      this.carryEverything()
    }
    for (const d of this.devices) this.pull(d)
  }

  /** A new machine linked late: its engine brings the folder as it is now, and it reads it. */
  join(id: string): SimulatedDevice {
    const late = new SimulatedDevice(id, 0)
    for (const d of this.devices) for (const [path, text] of d.view) if (isOwnFile(d.id, path)) late.view.set(path, text)
    this.devices.push(late)
    this.pull(late)
    return late
  }

  private carryEverything(): void {
    for (const from of this.devices) {
      for (const [path, text] of from.view) if (isOwnFile(from.id, path)) for (const to of this.devices) to.view.set(path, text)
      for (const path of this.removals.get(from) ?? []) for (const to of this.devices) to.view.delete(path)
    }
  }
}

/** A study session's day loads for the load balancer, different per card. */
function loads(seed: number): DayLoads {
  return { reviewsOn: (days) => ((days * 37 + seed) % 11) * 10, weekdayOf: (days) => (days + seed) % 7 }
}

/** The latest write of every field, from every change made anywhere: what LWW must give. */
function latestWrites(changes: readonly SyncChange[]): Map<string, { at: string; value: unknown }> {
  const latest = new Map<string, { at: string; value: unknown }>()
  const write = (table: SyncTable, key: string, fields: Record<string, unknown>, at: string) => {
    for (const [field, value] of Object.entries(fields)) {
      const id = `${table}|${key}|${field}`
      if (!latest.has(id) || latest.get(id)!.at < at) latest.set(id, { at, value })
    }
  }
  const tables = { deck: 'decks', note: 'notes', card: 'cards', options: 'presets', exam: 'exams' } as const
  for (const c of changes) {
    if (c.k === 'deck' || c.k === 'note' || c.k === 'card' || c.k === 'options' || c.k === 'exam') write(tables[c.k], c.key, c.fields, c.at)
    else if (c.k === 'setting') write('settings', c.key, { value: c.value }, c.at)
    else if (c.k === 'mock-exam') write('simulations', c.key, c.result, c.at)
    else if (c.k === 'media') write('media', c.name, { hash: c.hash, type: c.type, size: c.size }, c.at)
    else if (c.k === 'import') {
      write('decks', c.key, c.fields, c.at)
      for (const note of c.notes) write('notes', note.key, note.fields, c.at)
    }
  }
  return latest
}

describe('sync between machines', () => {
  it('converges: the same collection everywhere, every review exactly once, every field at its latest write', () => {
    fc.assert(
      fc.property(
        machines,
        fc.array(action, { minLength: 20, maxLength: 150, size: 'large' }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(Infinity, 700),
        (specs, actions, compactAll, older, partChars) => {
          const world = new World(specs, older, partChars)
          for (const a of actions) world.run(a)
          world.settle()
          // Every machine snapshots and compacts once everything has arrived (the folder then holds
          // little but snapshots); then a machine linked late starts from what is left.
          if (compactAll) world.compactAll()
          if (!specs.some((spec) => spec.id === LATE_DEVICE)) world.join(LATE_DEVICE)

          const [first, ...others] = world.devices.map((d) => d.collection())
          for (const other of others) expect(collectionSnapshot(other)).toEqual(collectionSnapshot(first!))

          const made = world.devices.flatMap((d) => d.made)
          const undone = new Set(made.flatMap((c) => (c.k === 'undo' ? [c.review] : [])))
          const reviews = made.flatMap((c) => (c.k === 'review' && !undone.has(c.id) ? [c.id] : [])).sort()
          for (const d of world.devices) {
            const merged = [...d.collection().cards.values()].flatMap((card) => card.reviews.map((r) => r.change.id)).sort()
            expect(merged).toEqual(reviews)
          }

          const latest = latestWrites(made)
          for (const d of world.devices)
            for (const [table, rows] of Object.entries(d.state.rows))
              for (const [key, row] of rows)
                for (const [field, write] of row.fields)
                  expect(write, `${table} ${key} ${field}`).toEqual(latest.get(`${table}|${key}|${field}`))
        }
      ),
      { numRuns: 120 }
    )
    // Each read rebuilds the state from the folder, as the collection side does: about 10 s, more on a loaded machine.
  }, 180_000)
})
