import { createBackupStore } from '@main/backups/backup-store'
import { createOpfsBackupStore } from '@platform/opfs-backup-store'
import type { BackupStore } from '@shared/backup/backup-store'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeOpfsFolder } from './fake-opfs'

/** A backups folder of one platform, with what a test needs to look behind the store. */
export interface StoreUnderTest {
  store: BackupStore
  /** Puts bytes under a name in the folder directly, as an earlier run left them. */
  layDown(name: string, bytes: Uint8Array): Promise<void>
  /** Every name in the folder, backups or not, sorted. */
  names(): Promise<string[]>
  dispose(): Promise<void>
}

/** The desktop's store on real files and the browser's on a fake OPFS: the shared schedule and rotation must act alike on both. */
export const BACKUP_STORES: Array<{ platform: string; open: () => Promise<StoreUnderTest> }> = [
  {
    platform: 'desktop (files)',
    async open() {
      const root = await mkdtemp(join(tmpdir(), 'recall-backups-'))
      const dir = join(root, 'backups')
      return {
        store: createBackupStore(dir),
        async layDown(name, bytes) {
          await mkdir(dir, { recursive: true })
          await writeFile(join(dir, name), bytes)
        },
        names: async () => (await readdir(dir).catch((): string[] => [])).sort(),
        dispose: () => rm(root, { recursive: true, force: true })
      }
    }
  },
  {
    platform: 'browser (OPFS)',
    async open() {
      const root = new FakeOpfsFolder()
      const folder = () => root.getDirectoryHandle('backups', { create: true })
      return {
        store: createOpfsBackupStore({ root: async () => root }),
        layDown: async (name, bytes) => (await folder()).layDown(name, bytes),
        names: async () => (root.entries.has('backups') ? (await folder()).names() : []),
        dispose: async () => undefined
      }
    }
  }
]
