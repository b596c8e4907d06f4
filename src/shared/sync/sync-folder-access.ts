import type { SyncFile } from '@shared/sync/read-sync-folder'

export interface SyncListOptions {
  /** Names and signatures only: whether anything changed since the last sync, without reading it. */
  textless?: boolean
}

/** What went wrong with the sync folder, in words a person can act on. */
export interface SyncFolderProblem {
  kind: 'missing' | 'not-a-folder' | 'read-only' | 'full' | 'busy' | 'no-permission' | 'failed'
  message: string
}

export type SyncFolderResult<T> = { ok: true; value: T } | { ok: false; problem: SyncFolderProblem }

/**
 * The linked sync folder's files, as the collection side (db/sync) uses them: the same contract
 * over the desktop app's main process (IPC, main/sync/) and the browser's File System Access API
 * (platform/). Every path is under `<folder>/recall/`, relative to it, with `/`.
 */
export interface SyncFolderAccess {
  /**
   * Every file under `<folder>/recall/` with its signature (`SyncFile.sig`), and the text of
   * segments, snapshots and their copies (see `listSyncFiles`); with `textless`, no file is read.
   */
  list(options?: SyncListOptions): Promise<SyncFolderResult<SyncFile[]>>
  /** Writes this device's closed segment `<device>/<seq>.seg` whole; never replaces an existing file. */
  writeSegment(device: string, seq: number, text: string): Promise<SyncFolderResult<string>>
  /** Writes this device's snapshot `<device>/snapshot-<seq>.snap` whole (snapshot-format.ts); never replaces an existing file. */
  writeSnapshot(device: string, seq: number, text: string): Promise<SyncFolderResult<string>>
  /**
   * Removes one of this device's own segments or snapshots, `<device>/<name>` (compaction: a device
   * never removes another device's file). A file already gone is not an error.
   */
  removeOwn(device: string, name: string): Promise<SyncFolderResult<string>>
  /** Writes a media content as `<device>/media/<sha-256>`; never replaces an existing file. */
  writeMedia(device: string, hash: string, bytes: Uint8Array): Promise<SyncFolderResult<string>>
  /** Reads a media content another device wrote (`<device>/media/<hash>`). */
  readMedia(device: string, hash: string): Promise<SyncFolderResult<Uint8Array>>
}

/** The linked folder as the sync screen shows it. */
export interface LinkedSyncFolder {
  /** The folder's path (desktop) or name (browser), to show. */
  label: string
  /**
   * The browser dropped its permission to use the folder (after a reload, or when the person took
   * it back): `reconnect()`, on a click, asks for it again. Never set on the desktop.
   */
  needsPermission?: boolean
}

/** Sync on this platform: the desktop app's main process, or the browser's File System Access API. */
export interface SyncPlatform {
  /** The folder linked on this computer, if any. */
  linked(): Promise<LinkedSyncFolder | null>
  /** Asks the person for a folder (a system dialog); null when they cancel. Does not link it yet. */
  chooseFolder(): Promise<SyncFolderResult<LinkedSyncFolder> | null>
  /**
   * The folder last chosen, before it is linked: its files are read for the link's preview
   * ("the folder holds N decks…"), and nothing is written there until `link()`.
   */
  chosenFolder(): SyncFolderAccess
  /** Links the folder last chosen; from then on `folder()` works on it. */
  link(): Promise<SyncFolderResult<LinkedSyncFolder>>
  /** Asks again for the permission the browser dropped (call it from a click); the desktop has nothing to ask. */
  reconnect(): Promise<SyncFolderResult<LinkedSyncFolder>>
  /** Forgets the folder on this computer; its files stay where they are. */
  unlink(): Promise<void>
  /** The linked folder's files (problems come back as results, never thrown). */
  folder(): SyncFolderAccess
  /** Called once things settle after the folder's files change, and on a timer (drives plugged back in); returns the stop. */
  onFolderChange(listener: () => void): () => void
}
