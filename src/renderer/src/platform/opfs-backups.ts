import { createOpfsBackupStore, type OpfsFolder } from '@platform/opfs-backup-store'
import type { BackupFolder } from '@platform/platform'
import { createAutoBackup } from '@shared/backup/auto-backup'

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
  const store = createOpfsBackupStore({ root, exclusive: options.exclusive ?? webLock() })
  let encode: (() => Promise<string>) | null = null
  const auto = createAutoBackup({
    store,
    clock: options.clock ?? Date.now,
    getContent: () => (encode ? encode() : Promise.reject(new Error('the page has not opened the collection yet')))
  })

  return {
    noteStudyActivity: () => auto.onStudyActivity(),
    backupNow: () => auto.backupNow(),
    list: () => store.list(),
    read: (file) => store.read(file),
    answerRequests(encoder) {
      encode = encoder
      const onVisibility = () => {
        if (page.visibilityState === 'hidden') void auto.onLeave()
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
