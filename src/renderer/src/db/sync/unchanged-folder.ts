import type { SyncReport } from '@core/sync/sync-report'
import type { RecallDatabase } from '@db/database'
import { lastSyncReport } from '@db/sync/sync-meta'
import { OUTBOX_TABLE, type ExchangeRow, type LinkRow } from '@db/sync/sync-records'
import type { SyncFile } from '@shared/sync/read-sync-folder'
import type { SyncFolderAccess } from '@shared/sync/sync-folder-access'

/**
 * A sync that finds the folder as the last complete sync left it, and nothing here to send, has
 * nothing to do: the last report stands (with this time), and no file is read. The folder is
 * compared by its files' names and signatures (size and modification time, `SyncFile.sig`):
 * every file the last sync read or wrote, none more, none less, none changed. Any difference —
 * a file arriving, one removed, one replaced, a file with no signature — and the sync reads the
 * folder whole, as before. A folder that cannot be listed goes the whole way too, which reports
 * why.
 *
 * Also skipped for anything the last sync left to do: an outbox entry, a whole collection to
 * send (a 'merge' link), cards to replay, a report that was not ok, media still to fetch, a
 * snapshot asked for.
 */
export async function unchangedFolderReport(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  input: { previous: ExchangeRow; link: LinkRow; force: boolean; now: number }
): Promise<SyncReport | undefined> {
  const { previous, link } = input
  if (!previous.files || input.force || link.wholePending || (previous.replayNext?.length ?? 0) > 0) return undefined
  const report = await lastSyncReport(db)
  if (!report?.ok || (report.media?.arriving ?? 0) > 0) return undefined
  if ((await db.table(OUTBOX_TABLE).count()) > 0) return undefined
  const listed = await folder.list({ textless: true })
  if (!listed.ok || !sameSignatures(listed.value, previous.files)) return undefined
  const { removed: _removed, ...standing } = report
  return { ...standing, at: input.now, sent: 0, received: 0, media: { changed: 0, arriving: 0 } }
}

function sameSignatures(files: readonly SyncFile[], recorded: Readonly<Record<string, string>>): boolean {
  if (files.length !== Object.keys(recorded).length) return false
  return files.every((file) => file.sig !== undefined && recorded[file.path] === file.sig)
}

/** The folder access with each file this sync writes noted: those files are in the folder as this collection holds them. */
export function notingWrites(folder: SyncFolderAccess): { folder: SyncFolderAccess; written: Set<string> } {
  const written = new Set<string>()
  const noted = async <T>(result: Promise<{ ok: true; value: string } | { ok: false; problem: T }>) => {
    const outcome = await result
    if (outcome.ok) written.add(outcome.value)
    return outcome
  }
  return {
    written,
    folder: {
      list: (options) => folder.list(options),
      writeSegment: (device, seq, text) => noted(folder.writeSegment(device, seq, text)),
      writeSnapshot: (device, seq, text) => noted(folder.writeSnapshot(device, seq, text)),
      removeOwn: (device, name) => folder.removeOwn(device, name),
      writeMedia: (device, hash, bytes) => noted(folder.writeMedia(device, hash, bytes)),
      readMedia: (device, hash) => folder.readMedia(device, hash)
    }
  }
}

/**
 * What a complete sync leaves on record (`ExchangeRow.files`): the folder's files as listed after
 * it, each either read by it (listed at its start with the same signature) or written by it.
 * A file that came or changed while it ran is left off, so the next sync reads the folder.
 * Undefined when the folder cannot be listed, or a file has no signature.
 */
export async function folderSignatures(
  folder: SyncFolderAccess,
  read: readonly SyncFile[],
  written: ReadonlySet<string>
): Promise<Record<string, string> | undefined> {
  const listed = await folder.list({ textless: true })
  if (!listed.ok) return undefined
  const before = new Map(read.map((file) => [file.path, file.sig]))
  const files: Record<string, string> = {}
  for (const file of listed.value) {
    if (file.sig === undefined) return undefined
    if (written.has(file.path) || before.get(file.path) === file.sig) files[file.path] = file.sig
  }
  return files
}
