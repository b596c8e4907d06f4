import { importAttempt } from '@platform/import-again'
import type { OpfsFolder } from '@platform/opfs-backup-store'
import type { BackupFolder } from '@platform/platform'
import type { AutoBackup } from '@shared/backup/auto-backup'
import type { BackupStore } from '@shared/backup/backup-store'
import type { AutoBackupOutcome } from '@shared/backup/backup-types'

interface OpfsBackupsOptions {
  /** The origin's private folder; the browser's own by default. */
  root?: () => Promise<OpfsFolder>
  clock?: () => number
  /** Where the page says it was hidden; `document` by default. */
  page?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>
}

/**
 * The browser's automatic backups, in the Origin Private File System: the desktop's schedule
 * (shared/backup/auto-backup.ts) run in the page, which encodes the collection itself. The
 * desktop's backup on quit becomes one when the page is hidden (another tab, minimised, closing),
 * the last moment a page is sure to run; it is not made within 5 minutes of the last one. Null
 * where the browser has no OPFS with writable files or no gzip streams, as the backups are then.
 */
export function opfsBackups(options: OpfsBackupsOptions = {}): BackupFolder | null {
  const root = options.root ?? browserRoot()
  if (!root) return null
  const page = options.page ?? document
  const exclusive = options.exclusive ?? webLock()
  let encode: (() => Promise<string>) | null = null
  // The folder's code and the schedule are fetched with the first backup, list or change (the
  // first grade), not at start; leaving the page before any change has nothing to back up.
  let parts: { store: BackupStore; auto: AutoBackup } | undefined
  let loading: Promise<NonNullable<typeof parts>> | undefined
  let attempt = 0
  const load = () =>
    (loading ??= Promise.all([
      importAttempt(() => import('@platform/opfs-backup-store'), attempt),
      importAttempt(() => import('@shared/backup/auto-backup'), attempt)
    ]).then(
      ([{ createOpfsBackupStore }, { createAutoBackup }]) => {
        const store = createOpfsBackupStore({ root, exclusive })
        const auto = createAutoBackup({
          store,
          clock: options.clock ?? Date.now,
          getContent: () => (encode ? encode() : Promise.reject(new Error('the page has not opened the collection yet')))
        })
        return (parts = { store, auto })
      },
      (error: unknown) => {
        loading = undefined
        attempt++
        throw error
      }
    ))
  // As the schedule's own failures: an outcome with a message, never an exception.
  const backUp = (run: (auto: AutoBackup) => Promise<AutoBackupOutcome>): Promise<AutoBackupOutcome> =>
    load().then(
      ({ auto }) => run(auto),
      (error: unknown): AutoBackupOutcome => ({
        status: 'failed',
        message: `The backup could not be made (${error instanceof Error ? error.message : String(error)}).`
      })
    )

  return {
    noteStudyActivity: () => backUp((auto) => auto.onStudyActivity()),
    backupNow: () => backUp((auto) => auto.backupNow()),
    list: async () => (await load()).store.list(),
    read: async (file) => (await load()).store.read(file),
    answerRequests(encoder) {
      encode = encoder
      const onVisibility = () => {
        if (page.visibilityState !== 'hidden') return
        if (parts) void parts.auto.onLeave()
        else if (loading) void loading.then(({ auto }) => auto.onLeave()).catch(() => undefined)
      }
      page.addEventListener('visibilitychange', onVisibility)
      return () => {
        page.removeEventListener('visibilitychange', onVisibility)
        if (encode === encoder) encode = null
      }
    }
  }
}

function browserRoot(): (() => Promise<OpfsFolder>) | null {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  const usable =
    typeof storage?.getDirectory === 'function' &&
    typeof FileSystemFileHandle === 'function' &&
    'createWritable' in FileSystemFileHandle.prototype &&
    typeof CompressionStream === 'function' &&
    typeof DecompressionStream === 'function'
  // The DOM types lack async iteration over a folder and `move`; OpfsFolder names what is used.
  return usable ? async () => (await storage.getDirectory()) as unknown as OpfsFolder : null
}

/** One write or prune at a time among the site's tabs; within one page auto-backup already queues them. */
function webLock(): <T>(task: () => Promise<T>) => Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  if (!locks) return (task) => task()
  // The lock is held until the task's promise settles.
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      locks.request('recall-backups', () => task().then(resolve, reject)).catch(reject)
    })
}
