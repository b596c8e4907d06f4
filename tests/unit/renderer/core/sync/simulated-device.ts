import { newSchedulingState } from '@core/scheduling/card-state'
import type { DayLoads } from '@core/scheduling/load-balance'
import { forgetState, previewGrades } from '@core/scheduling/scheduler'
import { cardStateFingerprint } from '@core/sync/card-replay'
import { mergedCollection, reviewsOfCard, studySchedulers, type MergedCollection } from '@core/sync/merged-collection'
import { replayCard } from '@core/sync/card-replay'
import { frontierOf, joinFrontiers, keptApplied, loadFolder, segmentKey, snapshotKey } from '@core/sync/folder-state'
import { snapshotChanges } from '@core/sync/snapshot-state'
import { applyChanges, deckOfKey, emptySyncState, type SyncState } from '@core/sync/sync-state'
import { compactionPlan } from '@shared/sync/compaction'
import type { Fields, ImportedNote, Removable, ReviewChange, SyncChange } from '@shared/sync/changes'
import { formatStamp, parseStamp, receive, startHlc, tick, type Hlc } from '@shared/sync/hlc'
import { readSyncFolder } from '@shared/sync/read-sync-folder'
import { encodeSegment } from '@shared/sync/segment-format'
import { encodeSnapshotParts, type Frontier } from '@shared/sync/snapshot-format'
import { Rating, type Grade } from 'ts-fsrs'

/**
 * One installation of Recall, as the sync tests see it: it makes changes with its own clock (the
 * real time plus its skew), keeps them in its merged state at once, closes them into segments in
 * its own folder, and reads the folder as its sync engine has delivered it (`view`: path under
 * `recall/` → text). What the collection side will do with Dexie, done here in memory.
 */
export class SimulatedDevice {
  /** Rebuilt from the folder at each read, as the collection side does (core/sync/folder-state.ts). */
  state: SyncState = emptySyncState()
  /** The sync folder as this machine's engine has it. */
  readonly view = new Map<string, string>()
  /** Segments applied (`device/seq/checksum`) and snapshots (`device/snapshot-n/checksum`). */
  applied = new Set<string>()
  /** Up to which number the segments of each device are in the state: a snapshot's frontier. */
  private covers: Frontier = {}
  private snapshots = 0
  /** Every change this device made, in order. */
  readonly made: SyncChange[] = []
  private clock: Hlc
  private pending: SyncChange[] = []
  private seq = 0

  constructor(
    readonly id: string,
    readonly skewMs: number,
    /** False for a Recall older than snapshots: it reads segments only, and writes no snapshot. */
    readonly readsSnapshots = true
  ) {
    this.clock = startHlc(id)
  }

  /** This machine's wall clock at the real time `now`. */
  wall(now: number): number {
    return now + this.skewMs
  }

  grade(now: number, card: string, rating: Grade, loads?: DayLoads): ReviewChange {
    const scheduler = studySchedulers(this.state)(deckOfKey(card))
    const current = this.cardState(card)
    // A grade is never timed before the state it follows (this clock may be behind the one that gave it).
    const time = Math.max(this.wall(now), current?.last_review ?? -Infinity)
    const outcome = previewGrades(scheduler, current ?? newSchedulingState(time), time, loads)[rating]
    const at = this.stamp(now)
    const { rating: _rating, review: _review, ...log } = outcome.log
    return this.record({
      k: 'review',
      at,
      id: at,
      card,
      deck: deckOfKey(card),
      rating,
      review: time,
      duration: 5000,
      before: cardStateFingerprint(current),
      log,
      after: outcome.next
    }) as ReviewChange
  }

  /** Forget (Anki's Reset): the card is new again, recorded as a manual review row. */
  reset(now: number, card: string): ReviewChange {
    const scheduler = studySchedulers(this.state)(deckOfKey(card))
    const current = this.cardState(card)
    const time = Math.max(this.wall(now), current?.last_review ?? -Infinity)
    const { next, log } = forgetState(scheduler, current ?? newSchedulingState(time), time)
    const at = this.stamp(now)
    const { rating: _rating, review: _review, ...fields } = log
    return this.record({
      k: 'review',
      at,
      id: at,
      card,
      deck: deckOfKey(card),
      rating: Rating.Manual,
      manual: 'reset',
      review: time,
      duration: 0,
      before: cardStateFingerprint(current),
      log: fields,
      after: next
    }) as ReviewChange
  }

  undo(now: number, review: string): SyncChange {
    return this.record({ k: 'undo', at: this.stamp(now), review })
  }

  edit(now: number, k: 'deck' | 'note' | 'card' | 'options' | 'exam', key: string, fields: Fields): SyncChange {
    return this.record({ k, at: this.stamp(now), key, fields })
  }

  setting(now: number, key: string, value: unknown): SyncChange {
    return this.record({ k: 'setting', at: this.stamp(now), key, value })
  }

  importDeck(now: number, deck: string, fields: Fields, notes: ImportedNote[]): SyncChange {
    return this.record({ k: 'import', at: this.stamp(now), key: deck, fields, notes })
  }

  mockExam(now: number, key: string, result: Fields): SyncChange {
    return this.record({ k: 'mock-exam', at: this.stamp(now), key, result })
  }

  /** Machines may describe one content differently (a type sniffed by another version): `type` says how this one does. */
  media(now: number, name: string, hash: string, type = 'image/png'): SyncChange {
    return this.record({ k: 'media', at: this.stamp(now), name, hash, type, size: hash.length })
  }

  remove(now: number, what: Removable, key: string): SyncChange {
    return this.record({ k: 'remove', at: this.stamp(now), what, key })
  }

  /** Closes the changes made since the last segment into the next one, in this device's own folder. */
  publish(): { path: string; text: string } | undefined {
    if (this.pending.length === 0) return undefined
    const { name, text } = encodeSegment(this.id, ++this.seq, this.pending)
    this.pending = []
    const path = `${this.id}/${name}`
    this.view.set(path, text)
    const read = readSyncFolder([{ path, text }]).segments[0]!
    this.applied.add(segmentKey(read))
    this.covers = frontierOf(this.covers, new Map([[this.id, new Set([read.seq])]]))
    return { path, text }
  }

  /**
   * Reads the folder as delivered so far, as the collection side does: the state rebuilt from the
   * newest snapshots and the segments they do not hold (what was applied before, from the folder),
   * the fresh content applied on top, and this machine's changes not closed yet. It waits, changing
   * nothing, while segments it applied were compacted and their snapshot has not arrived.
   */
  pull(now: number): { applied: string[]; waiting: boolean } {
    const read = this.read()
    const loaded = loadFolder(read, this.applied)
    if (loaded.waiting.length > 0) return { applied: [], waiting: true }
    const state = loaded.state
    for (const part of loaded.fresh) {
      applyChanges(state, part.changes)
      if (part.latest > state.latest) state.latest = part.latest
    }
    applyChanges(state, this.pending)
    this.state = state
    const fresh = loaded.fresh.map((part) => part.key)
    this.applied = new Set([...keptApplied(read, this.applied), ...fresh])
    this.covers = frontierOf(joinFrontiers([this.covers, loaded.covered]), loaded.read)
    const latest = parseStamp(this.state.latest)
    if (latest) this.clock = receive(this.clock, latest, this.wall(now))
    return { applied: fresh, waiting: false }
  }

  /** Closes what is pending, then writes this machine's whole state as its next snapshot, in one file. */
  snapshot(): { path: string; text: string } {
    return this.snapshotFiles()[0]!
  }

  /** `snapshot`, in parts of at most `partChars` characters (snapshot-format.ts): its files. */
  snapshotFiles(partChars = Infinity): Array<{ path: string; text: string }> {
    this.publish()
    const first = this.snapshots + 1
    const head = {
      device: this.id,
      first,
      covers: this.covers,
      latest: this.state.latest,
      group: `${this.id.slice(0, 8)}${first.toString(16).padStart(8, '0')}`
    }
    const files = encodeSnapshotParts(head, snapshotChanges(this.state), partChars).map(({ name, text }) => ({
      path: `${this.id}/${name}`,
      text
    }))
    this.snapshots += files.length
    for (const { path, text } of files) this.view.set(path, text)
    const [read] = readSyncFolder(files).snapshots
    this.applied.add(snapshotKey(read!))
    return files
  }

  /** Compaction: removes from its own folder what `compactionPlan` allows; returns the paths removed. */
  compact(): string[] {
    const removed = compactionPlan(this.read(), this.id).map((name) => `${this.id}/${name}`)
    for (const path of removed) this.view.delete(path)
    return removed
  }

  private read() {
    const read = readSyncFolder([...this.view].map(([path, text]) => ({ path, text })))
    return this.readsSnapshots ? read : { ...read, snapshots: [] }
  }

  collection(): MergedCollection {
    return mergedCollection(this.state)
  }

  cardState(card: string) {
    return replayCard(studySchedulers(this.state)(deckOfKey(card)), reviewsOfCard(this.state, card))?.state
  }

  private stamp(now: number): string {
    this.clock = tick(this.clock, this.wall(now))
    return formatStamp(this.clock)
  }

  private record(change: SyncChange): SyncChange {
    applyChanges(this.state, [change])
    this.pending.push(change)
    this.made.push(change)
    return change
  }
}

/** A collection as plain data in a fixed order, to compare two devices' collections. */
export function collectionSnapshot(collection: MergedCollection): unknown {
  const sorted = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1))
  return {
    rows: Object.fromEntries(sorted(Object.entries(collection.rows)).map(([table, rows]) => [table, sorted(rows)])),
    removed: Object.fromEntries(sorted(Object.entries(collection.removed)).map(([table, keys]) => [table, [...keys].sort()])),
    cards: sorted(collection.cards).map(([key, card]) => [
      key,
      card.state,
      card.reviews.map((review) => [review.change.id, review.log, review.after, review.replayed])
    ]),
    contents: sorted(collection.contents)
  }
}
