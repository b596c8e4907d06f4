import { MEDIA_SIGNATURE, type SyncFile } from '@shared/sync/read-sync-folder'
import { isCompactableName } from '@shared/sync/compaction'
import { segmentName } from '@shared/sync/segment-format'
import { snapshotName } from '@shared/sync/snapshot-format'
import type { SyncFolderAccess, SyncFolderProblem, SyncFolderResult, SyncListOptions } from '@shared/sync/sync-folder-access'
import { crc32Hex } from '@shared/sync/crc32'

/**
 * A sync folder in memory, as one machine's sync engine has it: `files` maps a path under
 * `recall/` to its text, `media` a media file's path to its bytes. Machines may share one map (an engine that delivers at once) or each have
 * their own, copied between by the test (`deliver`) in any order. `failWrites` makes every write
 * fail as a full disk would.
 */
export class MemoryFolder implements SyncFolderAccess {
  failWrites: SyncFolderProblem | undefined
  readonly media = new Map<string, Uint8Array>()
  /** Paths this machine removed (compaction). */
  readonly removed = new Set<string>()

  constructor(readonly files = new Map<string, string>()) {}

  /** Texts handed out by `list` (a sync that finds nothing new reads none). */
  textsRead = 0

  /** Each file's signature stands for a disk's size and modification time: it changes whenever the content does. */
  list(options: SyncListOptions = {}): Promise<SyncFolderResult<SyncFile[]>> {
    const media = [...this.media.keys()].map((path) => ({ path, sig: MEDIA_SIGNATURE }))
    const files = [...this.files].map(([path, text]) => {
      const sig = `${text.length}:${crc32Hex(text)}`
      if (options.textless) return { path, sig }
      this.textsRead++
      return { path, sig, text }
    })
    return Promise.resolve({ ok: true, value: [...files, ...media] })
  }

  writeSegment(device: string, seq: number, text: string): Promise<SyncFolderResult<string>> {
    return this.writeOnce(`${device}/${segmentName(seq)}`, text)
  }

  writeSnapshot(device: string, seq: number, text: string): Promise<SyncFolderResult<string>> {
    return this.writeOnce(`${device}/${snapshotName(seq)}`, text)
  }

  /** A file written whole, never over one that exists: as the main process and the browser write. */
  private writeOnce(path: string, text: string): Promise<SyncFolderResult<string>> {
    if (this.failWrites) return Promise.resolve({ ok: false, problem: this.failWrites })
    if (this.files.has(path)) return Promise.resolve({ ok: false, problem: { kind: 'failed', message: `${path} already exists` } })
    this.files.set(path, text)
    return Promise.resolve({ ok: true, value: path })
  }

  /** Compaction's removal; the test reads `removed` to carry it to other machines' folders (`deliverRemovals`). */
  removeOwn(device: string, name: string): Promise<SyncFolderResult<string>> {
    if (this.failWrites) return Promise.resolve({ ok: false, problem: this.failWrites })
    if (!isCompactableName(name)) return Promise.resolve({ ok: false, problem: { kind: 'failed', message: `${name} is not removable` } })
    const path = `${device}/${name}`
    this.files.delete(path)
    this.removed.add(path)
    return Promise.resolve({ ok: true, value: path })
  }

  writeMedia(device: string, hash: string, bytes: Uint8Array): Promise<SyncFolderResult<string>> {
    this.media.set(`${device}/media/${hash}`, bytes)
    return Promise.resolve({ ok: true, value: `${device}/media/${hash}` })
  }

  readMedia(device: string, hash: string): Promise<SyncFolderResult<Uint8Array>> {
    const bytes = this.media.get(`${device}/media/${hash}`)
    return Promise.resolve(bytes ? { ok: true, value: bytes } : { ok: false, problem: { kind: 'missing', message: 'not there' } })
  }
}

/** The engine carries the removals made in one machine's folder to another's. */
export function deliverRemovals(from: MemoryFolder, to: MemoryFolder): void {
  for (const path of from.removed) to.files.delete(path)
}

/** The engine carries the files of `paths` (all when absent), segments and media, from one machine's folder to another's. */
export function deliver(from: MemoryFolder, to: MemoryFolder, paths?: (path: string) => boolean): void {
  for (const [path, text] of from.files) {
    if (paths && !paths(path)) continue
    // An engine never carries a download still under way (a part of a file) back over the whole file.
    const had = to.files.get(path)
    if (had !== undefined && had.length > text.length && had.startsWith(text)) continue
    to.files.set(path, text)
  }
  for (const [path, bytes] of from.media) if (!paths || paths(path)) to.media.set(path, bytes)
}
