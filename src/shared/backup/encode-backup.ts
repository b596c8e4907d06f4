import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupInput } from '@shared/backup/backup-types'
import { canonicalJson } from '@shared/backup/canonical-json'
import { sha256Hex } from '@shared/backup/sha256'

/**
 * The whole collection as text: one header line, then one line per row (NDJSON), tables in name
 * order and each table's rows in the order given. Each row is serialised on its own, so a million
 * reviews never become one giant nested JSON.stringify, and a reader can walk the file line by
 * line. Rows are canonical JSON (sorted keys), so the same collection always gives the same rows.
 *
 * Throws BackupEncodeError if a row holds a value JSON cannot carry (NaN, a Date, undefined in a
 * list…), naming the table, row and field.
 */
export async function encodeBackup(input: BackupInput, now: number): Promise<string> {
  const names = Object.keys(input.tables).sort()
  const lines: string[] = []
  const tables = names.map((name) => {
    const rows = input.tables[name]!
    for (let i = 0; i < rows.length; i++) lines.push(canonicalJson(rows[i], `${name} row ${i + 1}`))
    return { name, rows: rows.length }
  })
  const body = lines.length ? `${lines.join('\n')}\n` : ''
  const unsigned: Omit<BackupHeader, 'sha256'> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date(now).toISOString(),
    appVersion: input.appVersion,
    schemaVersion: input.schemaVersion,
    tables
  }
  const header: BackupHeader = { ...unsigned, sha256: await backupChecksum(unsigned, body) }
  // Plain stringify keeps `format` first, so the file says what it is in its first bytes.
  return `${JSON.stringify(header)}\n${body}`
}

/**
 * The checksum covers every header field but itself (canonically, so key order in the file does
 * not matter) and the row lines byte for byte, including the final newline: any changed, missing
 * or added byte after the header's own `sha256` shows.
 */
export function backupChecksum(unsignedHeader: object, body: string): Promise<string> {
  return sha256Hex(`${canonicalJson(unsignedHeader, 'backup header')}\n${body}`)
}
