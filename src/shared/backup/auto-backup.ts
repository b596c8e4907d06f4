import type { BackupStore } from '@shared/backup/backup-store'
import type { AutoBackupOutcome, BackupInfo, BackupWriteResult } from '@shared/backup/backup-types'
import { MINUTE_MS } from '@shared/durations'

const AUTO_BACKUP_INTERVAL_MS = 30 * MINUTE_MS
/** After a failed write (full disk…), study activity tries again this much later, not on every card. */
const RETRY_AFTER_FAILURE_MS = 5 * MINUTE_MS
/** Leaving a browser tab is frequent, unlike quitting: it backs up at most this often. */
const LEAVE_GAP_MS = 5 * MINUTE_MS

export interface AutoBackupOptions {
  store: Pick<BackupStore, 'write' | 'list' | 'prune'>
  /** Epoch milliseconds now. */
  clock: () => number
  /** The collection, encoded with `encodeBackup` (the desktop's main process asks the page for it; the browser's page makes it). */
  getContent: () => Promise<string>
  intervalMs?: number
  retryAfterFailureMs?: number
  leaveGapMs?: number
}

export interface AutoBackup {
  /** After anything the user changed: writes a backup when the last one is at least `intervalMs` old. */
  onStudyActivity(): Promise<AutoBackupOutcome>
  /** Before the window closes: writes a backup when anything changed since the last one. */
  onQuit(): Promise<AutoBackupOutcome>
  /**
   * The browser hid the page (another tab, minimised, or closing: the last moment a page is sure
   * to run): like `onQuit`, but only when the last backup is at least `leaveGapMs` old.
   */
  onLeave(): Promise<AutoBackupOutcome>
  /** "Back up now" in settings, and before a restore: always writes. */
  backupNow(): Promise<AutoBackupOutcome>
}

/**
 * When to back up, the same for the desktop app and the browser. All entry points run one at a time, in call order, so two writes never
 * overlap and a burst of reviews yields one backup. Failures come back as outcomes with a message,
 * never as exceptions, and leave the collection marked as changed so the next chance retries.
 */
export function createAutoBackup(options: AutoBackupOptions): AutoBackup {
  const { store, clock, getContent } = options
  const intervalMs = options.intervalMs ?? AUTO_BACKUP_INTERVAL_MS
  const retryMs = options.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS
  const leaveGapMs = options.leaveGapMs ?? LEAVE_GAP_MS
  let changed = false
  /** undefined until the folder has been looked at: a backup from an earlier run counts too. */
  let lastWrite: number | null | undefined
  let lastFailure: number | null = null
  /** The time the last backup this run wrote is named for (see writeBackup). */
  let lastNamed: number | null = null
  let queue: Promise<unknown> = Promise.resolve()

  function serialised(task: () => Promise<AutoBackupOutcome>): Promise<AutoBackupOutcome> {
    const run = queue.then(task)
    queue = run.catch(() => undefined)
    return run
  }

  async function isDue(now: number, gapMs: number): Promise<boolean> {
    if (lastFailure !== null && now >= lastFailure && now - lastFailure < retryMs) return false
    if (lastWrite === undefined) lastWrite = (await store.list().catch((): BackupInfo[] => []))[0]?.date ?? null
    // A last backup dated in the future means the clock was set back: do not wait for it.
    return lastWrite === null || now - lastWrite >= gapMs || now < lastWrite
  }

  async function writeBackup(): Promise<AutoBackupOutcome> {
    const now = clock()
    // Names go to the second: a second backup within the same second as the last would replace
    // it, and that may be the very backup being restored (the safety backup comes first). So a
    // backup is never named for the same second as the one this run wrote before.
    const named = lastNamed !== null && now >= lastNamed && now - lastNamed < 1000 ? lastNamed + 1000 : now
    // Cleared before reading the collection: a change made while we write marks it again.
    changed = false
    let result: BackupWriteResult
    try {
      result = await store.write(await getContent(), named)
    } catch (error) {
      result = { error: `The collection could not be read for the backup (${error instanceof Error ? error.message : String(error)}).` }
    }
    if ('error' in result) {
      changed = true
      lastFailure = now
      return { status: 'failed', message: result.error }
    }
    lastWrite = now
    lastNamed = named
    lastFailure = null
    const pruned = await store.prune(now).catch((): string[] => [])
    return { status: 'written', backup: result.backup, pruned }
  }

  return {
    onStudyActivity() {
      changed = true
      return serialised(async () => ((await isDue(clock(), intervalMs)) ? writeBackup() : { status: 'skipped', reason: 'recent' }))
    },
    onQuit() {
      return serialised(async () => (changed ? writeBackup() : { status: 'skipped', reason: 'unchanged' }))
    },
    onLeave() {
      return serialised(async () => {
        if (!changed) return { status: 'skipped', reason: 'unchanged' }
        return (await isDue(clock(), leaveGapMs)) ? writeBackup() : { status: 'skipped', reason: 'recent' }
      })
    },
    backupNow() {
      return serialised(writeBackup)
    }
  }
}
