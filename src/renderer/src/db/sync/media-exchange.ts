import type { MediaRecord } from '@core/model'
import type { SyncState } from '@core/sync/sync-state'
import type { RecallDatabase } from '@db/database'
import { mergedRow } from '@db/sync/merged-rows'
import { META_TABLE, OUTBOX_TABLE, type OutboxEntry } from '@db/sync/sync-records'
import { checkMedia, contentHash } from '@shared/media/media-file'
import type { SyncChange } from '@shared/sync/changes'
import type { SyncFolderRead } from '@shared/sync/read-sync-folder'
import type { SyncFolderAccess, SyncFolderProblem } from '@shared/sync/sync-folder-access'

/**
 * Media through the sync folder. A change names a media file (its name, and the SHA-256 of its
 * content); the bytes travel apart, once per content, as `<device>/media/<hash>`, written before
 * the segment that names them, so a device that reads the change finds them there or knows they
 * are still arriving. The outbox and the segments never hold bytes.
 */

/** Bytes read from the folder before they are stored in one transaction: bounds the memory of a first sync with many pictures. */
const BATCH_BYTES = 32 * 1024 * 1024

/**
 * Writes the content of each media change this device is about to send, unless some device's
 * folder already holds it. Called before the segments: a write that fails stops them (the outbox
 * is kept, and the next sync tries again).
 */
export async function sendMedia(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  device: string,
  read: SyncFolderRead,
  changes: readonly SyncChange[]
): Promise<SyncFolderProblem | undefined> {
  const inFolder = new Set<string>()
  for (const status of read.devices.values()) for (const hash of status.media) inFolder.add(hash)
  for (const change of changes) {
    if (change.k !== 'media' || inFolder.has(change.hash)) continue
    inFolder.add(change.hash)
    // Gone from this collection since the outbox was read: its removal or new content goes out at the next sync.
    const stored = await db.media.where('hash').equals(change.hash).first()
    if (!stored) continue
    const written = await folder.writeMedia(device, change.hash, stored.bytes)
    if (!written.ok) return written.problem
  }
  return undefined
}

/** What a sync did to this collection's media. */
export interface ReceivedMedia {
  /** Names stored or removed here (pictures already shown under these names are read again). */
  changed: number
  /** Contents the merge names whose bytes have not arrived whole: fetched at the next sync. */
  arriving: number
  notices: string[]
}

interface Received {
  name: string
  hash: string
  type: string
  bytes: Uint8Array
}

/**
 * Brings this collection's media to the merged names: a name whose merged content is not held
 * here gets it (from another name here, or read from a device whose folder lists it, its SHA-256
 * and its kind checked as an import's are), a removed name is deleted. Which names are pending is
 * worked out from the merge and the table at each sync, so a content still arriving is simply
 * fetched next time. The folder is read before each transaction, never inside one; a name
 * written here since the outbox was read is left to the next sync.
 */
export async function receiveMedia(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  state: SyncState,
  read: SyncFolderRead,
  options: { outboxRead: number; now: number }
): Promise<ReceivedMedia> {
  const held = new Map<string, string>()
  await db.media.orderBy('hash').eachKey((hash, cursor) => held.set(cursor.primaryKey, hash as string))
  const heldContents = new Set(held.values())
  const removed: string[] = []
  const wanted = new Map<string, string[]>()
  for (const name of state.rows.media.keys()) {
    const merged = mergedRow(state, 'media', name)
    if (merged.kind === 'removed' && held.has(name)) removed.push(name)
    if (merged.kind !== 'stands') continue
    const hash = merged.fields.hash
    if (typeof hash !== 'string' || held.get(name) === hash) continue
    ;(wanted.get(hash) ?? wanted.set(hash, []).get(hash)!).push(name)
  }
  const result: ReceivedMedia = { changed: 0, arriving: 0, notices: [] }
  if (removed.length === 0 && wanted.size === 0) return result

  const holders = new Map<string, string[]>()
  for (const status of read.devices.values())
    for (const hash of status.media) (holders.get(hash) ?? holders.set(hash, []).get(hash)!).push(status.device)
  const notices = new Set<string>()
  const copies: Array<{ name: string; hash: string }> = []
  let batch: Received[] = []
  let batchBytes = 0
  for (const [hash, names] of wanted) {
    if (heldContents.has(hash)) {
      copies.push(...names.map((name) => ({ name, hash })))
      continue
    }
    const bytes = await fetchContent(folder, hash, holders.get(hash) ?? [], notices)
    if (!bytes) {
      result.arriving++
      continue
    }
    for (const name of names) {
      const checked = checkMedia({ name, bytes })
      if ('problem' in checked) notices.add(`A media file from the sync folder was refused: ${checked.problem}.`)
      else batch.push({ name, hash, type: checked.type, bytes })
    }
    batchBytes += bytes.length
    if (batchBytes >= BATCH_BYTES) {
      result.changed += await storeMedia(db, { received: batch, copies: [], removed: [] }, options, notices)
      batch = []
      batchBytes = 0
    }
  }
  result.changed += await storeMedia(db, { received: batch, copies, removed }, options, notices)
  if (result.arriving > 0)
    notices.add(
      `${result.arriving === 1 ? '1 media file has' : `${result.arriving} media files have`} not arrived in the sync folder yet; Recall fetches ${result.arriving === 1 ? 'it' : 'them'} at the next sync.`
    )
  result.notices = [...notices]
  return result
}

/** The content's bytes from the first device whose copy is whole (its SHA-256 is its name); undefined while none is. */
async function fetchContent(
  folder: SyncFolderAccess,
  hash: string,
  devices: readonly string[],
  notices: Set<string>
): Promise<Uint8Array | undefined> {
  for (const device of devices) {
    const read = await folder.readMedia(device, hash)
    if (!read.ok) {
      // Not there yet is what "arriving" already says; anything else is worth a word.
      if (read.problem.kind !== 'missing') notices.add(read.problem.message)
      continue
    }
    if ((await contentHash(read.value)) === hash) return read.value
    notices.add(
      `A media file in the sync folder does not match its name (${device}/media/${hash}): it may still be arriving, or be damaged. Recall tries again at the next sync.`
    )
  }
  return undefined
}

/**
 * One transaction: the names received, the names whose content another name here holds, the
 * names removed. Its scope holds `syncMeta`, so the recorder does not send these writes back.
 */
async function storeMedia(
  db: RecallDatabase,
  work: { received: readonly Received[]; copies: ReadonlyArray<{ name: string; hash: string }>; removed: readonly string[] },
  options: { outboxRead: number; now: number },
  notices: Set<string>
): Promise<number> {
  if (work.received.length === 0 && work.copies.length === 0 && work.removed.length === 0) return 0
  return db.transaction('rw', [db.media, db.table(META_TABLE), db.table(OUTBOX_TABLE)], async () => {
    // Written here while this sync ran: the next sync sends that write and merges it.
    const later = (await db.table(OUTBOX_TABLE).where(':id').above(options.outboxRead).toArray()) as OutboxEntry[]
    const busy = new Set(later.flatMap((entry) => (entry.k === 'row' && entry.table === 'media' ? [entry.key] : [])))
    const rows: MediaRecord[] = []
    const add = (name: string, hash: string, type: string, bytes: Uint8Array) =>
      rows.push({ name, hash, type, size: bytes.length, bytes, added: options.now })
    for (const media of work.received) if (!busy.has(media.name)) add(media.name, media.hash, media.type, media.bytes)
    for (const { name, hash } of work.copies) {
      if (busy.has(name)) continue
      const source = await db.media.where('hash').equals(hash).first()
      if (!source) continue
      const checked = checkMedia({ name, bytes: source.bytes })
      if ('problem' in checked) notices.add(`A media file from the sync folder was refused: ${checked.problem}.`)
      else add(name, hash, checked.type, source.bytes)
    }
    const removed = work.removed.filter((name) => !busy.has(name))
    await db.media.bulkPut(rows)
    await db.media.bulkDelete(removed)
    return rows.length + removed.length
  })
}
