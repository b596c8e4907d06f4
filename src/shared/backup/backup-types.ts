/** The first line of every backup names its format; a reader refuses anything else. */
export const BACKUP_FORMAT = 'recall-backup'
/** Bumped only when an older Recall could not read the new layout. */
export const BACKUP_VERSION = 1

/** What the renderer hands to `encodeBackup`: every table of the collection but the caches, whole. */
export interface BackupInput {
  /** Recall's version (package.json), for "made by Recall 0.1.0" and for support. */
  appVersion: string
  /** The Dexie database version (`db.verno`) the rows were read from. */
  schemaVersion: number
  /** Table name → all of its rows, as stored. Rows must be plain JSON data. */
  tables: Record<string, readonly unknown[]>
}

/** A backup read back and verified. */
export interface Backup {
  createdAt: number
  appVersion: string
  schemaVersion: number
  tables: Record<string, unknown[]>
}

export type DecodeBackupResult = { backup: Backup } | { error: string }

/** One table's entry in the header, in file order. */
export interface BackupTableEntry {
  name: string
  rows: number
}

/** The header line. `sha256` covers the rest of the header and every row line (see encode-backup). */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  /** ISO 8601, UTC: readable by a person opening the file. */
  createdAt: string
  appVersion: string
  schemaVersion: number
  tables: BackupTableEntry[]
  sha256: string
}

// What main's backup folder answers over IPC.

/** A backup file in the app's backups folder. */
export interface BackupInfo {
  /** File name only (never a path), e.g. `recall-2026-11-21T08-33-00Z.recall-backup`. */
  file: string
  /** When it was written, epoch milliseconds (from the file name, to the second). */
  date: number
  /** Size on disk in bytes (compressed). */
  size: number
}

export type BackupWriteResult = { backup: BackupInfo } | { error: string }
export type BackupReadResult = { content: string } | { error: string }

/** What an automatic or manual backup request did. */
export type AutoBackupOutcome =
  | { status: 'written'; backup: BackupInfo; pruned: string[] }
  | { status: 'skipped'; reason: 'recent' | 'unchanged' }
  | { status: 'failed'; message: string }

/** The renderer's answer when main asks for the collection: the encoded backup, or why not. */
export type BackupContentReply = { content: string } | { error: string }
