import type { SyncReport } from '@core/sync/sync-report'
import type { RecallDatabase } from '@db/database'
import { META_TABLE, type DeviceRow, type ExchangeRow, type LinkRow, type MetaRow } from '@db/sync/sync-records'
import { newDeviceId } from '@shared/sync/device-id'

export function metaTable(db: RecallDatabase) {
  return db.table<MetaRow, string>(META_TABLE)
}

export async function readMeta(db: RecallDatabase): Promise<{ device?: string; link?: LinkRow; exchange?: ExchangeRow }> {
  const [device, link, exchange] = await metaTable(db).bulkGet(['device', 'link', 'exchange'])
  return {
    ...(device ? { device: (device as DeviceRow).device } : {}),
    ...(link ? { link: link as LinkRow } : {}),
    ...(exchange ? { exchange: exchange as ExchangeRow } : {})
  }
}

/** This installation's device id, made the first time it is asked for and kept from then on (unlinking keeps it). */
export async function deviceIdOf(db: RecallDatabase): Promise<string> {
  return db.transaction('rw', metaTable(db), async () => {
    const row = (await metaTable(db).get('device')) as DeviceRow | undefined
    if (row) return row.device
    const device = newDeviceId(crypto.getRandomValues(new Uint8Array(8)))
    await metaTable(db).put({ key: 'device', device })
    return device
  })
}

export function emptyExchange(): ExchangeRow {
  return { key: 'exchange', clock: '', written: 0, applied: [], lastExchange: {} }
}

/** The last exchange's report, for the sync screen. */
export async function lastSyncReport(db: RecallDatabase): Promise<SyncReport | undefined> {
  const row = await metaTable(db).get('report')
  return row?.key === 'report' ? row.report : undefined
}
