import type { OpfsFile, OpfsFolder } from '@platform/opfs-backup-store'

/** Faults a test can inject into the fake file system, each as the DOMException a browser throws. */
export interface OpfsFaults {
  /** Thrown by createWritable's close (where a browser reports a full quota). */
  close?: DOMException
  move?: DOMException
}

/**
 * An Origin Private File System in memory, as Chromium behaves: a written file is committed only
 * when its stream closes (a failed or abandoned write leaves the file as it was), `move` replaces
 * a file of the same name, and a missing entry is a NotFoundError. `withMove: false` is a browser
 * without `move`.
 */
export class FakeOpfsFolder implements OpfsFolder {
  readonly entries = new Map<string, FakeOpfsFolder | FakeOpfsFile>()
  constructor(readonly options: { withMove?: boolean; faults?: OpfsFaults } = {}) {}

  get faults(): OpfsFaults {
    return (this.options.faults ??= {})
  }

  async getDirectoryHandle(name: string, { create = false } = {}): Promise<FakeOpfsFolder> {
    const entry = this.entries.get(name) ?? (create ? this.add(name, new FakeOpfsFolder(this.options)) : undefined)
    if (!entry) throw new DOMException(`${name} not found`, 'NotFoundError')
    if (!(entry instanceof FakeOpfsFolder)) throw new DOMException(`${name} is a file`, 'TypeMismatchError')
    return entry
  }

  async getFileHandle(name: string, { create = false } = {}): Promise<FakeOpfsFile> {
    const entry = this.entries.get(name) ?? (create ? this.add(name, new FakeOpfsFile(this, name)) : undefined)
    if (!entry) throw new DOMException(`${name} not found`, 'NotFoundError')
    if (!(entry instanceof FakeOpfsFile)) throw new DOMException(`${name} is a folder`, 'TypeMismatchError')
    return entry
  }

  async removeEntry(name: string): Promise<void> {
    if (!this.entries.delete(name)) throw new DOMException(`${name} not found`, 'NotFoundError')
  }

  async *keys(): AsyncIterable<string> {
    yield* [...this.entries.keys()]
  }

  /** Puts bytes under a name directly, as an earlier run or a crash left them. */
  layDown(name: string, bytes: Uint8Array): void {
    this.add(name, new FakeOpfsFile(this, name)).bytes = new Uint8Array(bytes)
  }

  names(): string[] {
    return [...this.entries.keys()].sort()
  }

  private add<E extends FakeOpfsFolder | FakeOpfsFile>(name: string, entry: E): E {
    this.entries.set(name, entry)
    return entry
  }
}

export class FakeOpfsFile implements OpfsFile {
  bytes = new Uint8Array()
  move?: (newName: string) => Promise<void>

  constructor(
    private readonly parent: FakeOpfsFolder,
    private name: string
  ) {
    if (parent.options.withMove !== false) this.move = async (newName) => this.moveTo(newName)
  }

  async getFile(): Promise<Blob> {
    return new Blob([this.bytes])
  }

  async createWritable(): Promise<WritableStream<Uint8Array>> {
    const chunks: Uint8Array[] = []
    return new WritableStream<Uint8Array>({
      write: (chunk) => {
        chunks.push(chunk)
      },
      close: () => {
        if (this.parent.faults.close) throw this.parent.faults.close
        this.bytes = new Uint8Array(Buffer.concat(chunks))
      }
    })
  }

  private moveTo(newName: string): void {
    if (this.parent.faults.move) throw this.parent.faults.move
    if (this.parent.entries.get(this.name) !== this) throw new DOMException(`${this.name} not found`, 'NotFoundError')
    this.parent.entries.delete(this.name)
    this.parent.entries.set(newName, this)
    this.name = newName
  }
}
