import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupTableEntry, type DecodeBackupResult } from '@shared/backup/backup-types'
import { backupChecksum } from '@shared/backup/encode-backup'
import { agree, plural } from '@shared/plural'

export const NOT_A_BACKUP = 'This file is not a Recall backup.'
export const DAMAGED_CHECKSUM = 'This backup is damaged: its checksum does not match (the file was changed or cut short).'
const DAMAGED_HEADER = 'This backup is damaged: its first line, which describes the contents, is incomplete.'

/**
 * Reads a backup written by `encodeBackup` and checks it before anything trusts it: the format and
 * version, that every row the header lists is there, and the checksum. Never throws; a file that
 * fails a check gives a message for the person who chose it.
 */
export async function decodeBackup(text: string): Promise<DecodeBackupResult> {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') return { error: 'This file is empty, so it is not a Recall backup.' }

  const headerEnd = text.indexOf('\n')
  let header: unknown
  try {
    header = JSON.parse(headerEnd === -1 ? text : text.slice(0, headerEnd))
  } catch {
    return { error: NOT_A_BACKUP }
  }
  const problem = formatProblem(header)
  if (problem) return { error: problem }
  const checked = checkHeader(header as Record<string, unknown>)
  if ('error' in checked) return checked
  const { tables, createdAt, sha256, unsigned } = checked

  const body = headerEnd === -1 ? '' : text.slice(headerEnd + 1)
  const expected = tables.reduce((sum, t) => sum + t.rows, 0)
  const found = countLines(body)
  if (found < expected) {
    return {
      error: `This backup is damaged: it should hold ${plural(expected, 'row')} but only ${found.toLocaleString()} ${agree(found, 'is', 'are')} there (the file was cut short or changed).`
    }
  }
  if (found > expected) return { error: 'This backup is damaged: it holds more rows than its first line lists.' }
  if ((await backupChecksum(unsigned, body)) !== sha256) return { error: DAMAGED_CHECKSUM }

  const backup: Backup = {
    createdAt,
    appVersion: unsigned.appVersion as string,
    schemaVersion: unsigned.schemaVersion as number,
    tables: {}
  }
  let start = 0
  for (const table of tables) {
    const rows: unknown[] = []
    for (let i = 0; i < table.rows; i++) {
      const end = body.indexOf('\n', start)
      try {
        rows.push(JSON.parse(body.slice(start, end)))
      } catch {
        return { error: `This backup is damaged: row ${i + 1} of its ${table.name} cannot be read.` }
      }
      start = end + 1
    }
    backup.tables[table.name] = rows
  }
  return { backup }
}

function formatProblem(header: unknown): string | null {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return NOT_A_BACKUP
  const { format, version } = header as Record<string, unknown>
  if (format === 'recall-deck') return 'This is a Recall deck file, not a backup. Import it as a deck instead.'
  if (format !== BACKUP_FORMAT) return NOT_A_BACKUP
  if (version === BACKUP_VERSION) return null
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    return `This backup was made by a newer version of Recall (backup format ${version}; this Recall reads format ${BACKUP_VERSION}). Update Recall to restore it.`
  }
  return `This backup has an unknown format version (${JSON.stringify(version) ?? 'none'}), so Recall cannot read it.`
}

type CheckedHeader = { tables: BackupTableEntry[]; createdAt: number; sha256: string; unsigned: Record<string, unknown> }

function checkHeader(header: Record<string, unknown>): CheckedHeader | { error: string } {
  const { sha256, ...unsigned } = header
  const { createdAt, appVersion, schemaVersion, tables } = unsigned
  const date = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN
  const ok =
    typeof sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(sha256) &&
    Number.isFinite(date) &&
    typeof appVersion === 'string' &&
    Number.isInteger(schemaVersion) &&
    Array.isArray(tables) &&
    tables.every(isTableEntry) &&
    new Set(tables.map((t: BackupTableEntry) => t.name)).size === tables.length
  if (!ok) return { error: DAMAGED_HEADER }
  return { tables: tables, createdAt: date, sha256: sha256, unsigned }
}

function isTableEntry(entry: unknown): entry is BackupTableEntry {
  if (typeof entry !== 'object' || entry === null) return false
  const { name, rows } = entry as Record<string, unknown>
  return typeof name === 'string' && name !== '' && typeof rows === 'number' && Number.isSafeInteger(rows) && rows >= 0
}

/** Complete lines: a last line without its newline was cut short and does not count. */
function countLines(body: string): number {
  let count = 0
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) count++
  return count
}
