import { readMeta } from '@db/sync/sync-meta'
import { META_TABLE, OUTBOX_TABLE, ownReviewId, type MetaRow, type SyncedReviewRecord } from '@db/sync/sync-records'
import type { RecallDatabase } from '@db/database'

type Tables = Record<string, unknown[]>

/**
 * A backup restored over a collection brings its own sync bookkeeping (`syncMeta`, `syncOutbox`),
 * which belongs to the installation that took it. Restored on another machine, its device id
 * would make two installations write as one device; restored on this one, its record of the
 * segments applied is older than the collection the folder now describes. So, unless the restore
 * is this installation's own rebuild (the journal's, after the collection was lost):
 *
 * - this installation keeps its device id and its link;
 * - the review rows the backup's device made are given that device's sync ids, so they stay that
 *   device's reviews (never sent again as this one's, never counted twice);
 * - while linked, the next sync reads the whole folder again and writes the whole restored
 *   collection, as a link by merging does: the restored rows win over older writes, and reviews
 *   made since the backup anywhere come back (a restore never takes reviews out of the folder).
 *
 * Call it inside the restore's transaction, before the tables are emptied; it returns the rows
 * to write and whether the collection is linked afterwards.
 */
export async function syncRowsOfRestore(
  db: RecallDatabase,
  tables: Tables,
  options: { ownRebuild: boolean }
): Promise<{ tables: Tables; linked: boolean }> {
  const backupMeta = (tables[META_TABLE] ?? []) as MetaRow[]
  const here = await readMeta(db)
  const backupDevice = backupMeta.find((row) => row.key === 'device')
  const backupLinked = backupMeta.some((row) => row.key === 'link')
  // The journal's rebuild of this installation's own lost collection: its bookkeeping is its own.
  if (options.ownRebuild && (here.device === undefined || here.device === backupDevice?.device)) return { tables, linked: backupLinked }

  let reviews = tables.reviews
  if (backupDevice && backupDevice.device !== here.device)
    reviews = (reviews as SyncedReviewRecord[] | undefined)?.map((row) =>
      row.syncId !== undefined || row.id === undefined ? row : { ...row, syncId: ownReviewId(backupDevice.device, row.id) }
    )
  const meta: MetaRow[] = []
  if (here.device) meta.push({ key: 'device', device: here.device })
  if (here.link) {
    meta.push({ ...here.link, wholePending: true })
    // Every segment is read again; the clock and the numbering go on from where this machine was.
    meta.push({ key: 'exchange', clock: here.exchange?.clock ?? '', written: here.exchange?.written ?? 0, applied: [], lastExchange: {} })
  }
  return { tables: { ...tables, ...(reviews ? { reviews } : {}), [META_TABLE]: meta, [OUTBOX_TABLE]: [] }, linked: here.link !== undefined }
}
