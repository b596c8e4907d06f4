import { createBackupStore } from '@main/backups/backup-store'
import type { BackupStore } from '@shared/backup/backup-store'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A backups folder of one platform, with what a test needs to look behind the store. */
export interface StoreUnderTest {
  store: BackupStore
  /** Puts bytes under a name in the folder directly, as an earlier run left them. */
  layDown(name: string, bytes: Uint8Array): Promise<void>
  /** Every name in the folder, backups or not, sorted. */
  names(): Promise<string[]>
  dispose(): Promise<void>
}

/** The desktop's store on real files. */
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
  }
]
