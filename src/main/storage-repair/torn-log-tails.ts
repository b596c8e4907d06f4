import { scanLog } from '@main/storage-repair/leveldb-log'
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TailRepair {
  file: string
  /** The file's size as the crash left it, and the size it was cut back to. */
  from: number
  to: number
}

/** A file the check could not read or cut (locked by a virus scanner, EBUSY, no permission). */
interface TailCheckFailure {
  file: string
  error: unknown
}

export interface TailCheck {
  repairs: TailRepair[]
  failures: TailCheckFailure[]
}

/**
 * Cuts the half-written record a crash left at the end of each IndexedDB log back off, before
 * Chromium opens the databases again.
 *
 * Why: Chromium's LevelDB reuses the last log (and manifest) when it reopens a database, and
 * appends after whatever the crash left. Reading the log, LevelDB skips a cut-off record at the
 * end of the file, but once new records follow it the same bytes read as a checksum mismatch:
 * the database is then "corrupt" on the next start, and Chromium deletes all of it. The record
 * cut off was never committed (its transaction had not completed), so dropping it loses nothing
 * the app had confirmed.
 *
 * Must run before any page opens IndexedDB, and while no other process has the profile open.
 * Only a cut-off tail is touched; a file damaged in any other way is left for Chromium. A file or
 * folder that cannot be read is skipped and named in `failures`: the others are still checked.
 */
export function repairTornIndexedDbLogs(profileDir: string): TailCheck {
  const check: TailCheck = { repairs: [], failures: [] }
  const attempt = <T>(file: string, work: () => T): T | undefined => {
    try {
      return work()
    } catch (error) {
      check.failures.push({ file, error })
      return undefined
    }
  }
  for (const database of attempt(profileDir, () => indexedDbFolders(profileDir, attempt)) ?? []) {
    for (const name of attempt(database, () => readdirSync(database)) ?? []) {
      if (!/^\d+\.log$/.test(name) && !/^MANIFEST-\d+$/.test(name)) continue
      const file = join(database, name)
      const repair = attempt(file, () => cutOffTornTail(file))
      if (repair) check.repairs.push(repair)
    }
  }
  return check
}

/** The default bucket's databases live in IndexedDB/; storage buckets' in WebStorage/<id>/IndexedDB/. */
function indexedDbFolders(profileDir: string, attempt: <T>(path: string, work: () => T) => T | undefined): string[] {
  const parents = [join(profileDir, 'IndexedDB')]
  const buckets = join(profileDir, 'WebStorage')
  if (existsSync(buckets)) {
    for (const bucket of attempt(buckets, () => readdirSync(buckets, { withFileTypes: true })) ?? []) {
      if (bucket.isDirectory()) parents.push(join(buckets, bucket.name, 'IndexedDB'))
    }
  }
  return parents
    .filter((parent) => existsSync(parent))
    .flatMap(
      (parent) =>
        attempt(parent, () =>
          readdirSync(parent, { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && entry.name.endsWith('.leveldb'))
            .map((entry) => join(parent, entry.name))
        ) ?? []
    )
}

export function cutOffTornTail(file: string): TailRepair | null {
  const scan = scanLog(readFileSync(file))
  if (scan.after !== 'cut-off') return null
  const fd = openSync(file, 'r+')
  try {
    const from = fstatSync(fd).size
    ftruncateSync(fd, scan.completeEnd)
    fsyncSync(fd)
    return { file, from, to: scan.completeEnd }
  } finally {
    closeSync(fd)
  }
}
