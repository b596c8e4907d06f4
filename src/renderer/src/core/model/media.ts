/**
 * An image or sound of the collection. Card text names it (`![alt](diagram.png)`,
 * `[sound:intro.mp3]`); the bytes are stored once per content: a file whose hash is already
 * stored is referred to by the stored name.
 */
export interface MediaRecord {
  /** A plain file name, unique in the collection (the primary key). */
  name: string
  /** SHA-256 of the bytes, hex. */
  hash: string
  /** MIME type, checked against the bytes when the file came in. */
  type: string
  size: number
  bytes: Uint8Array
  /** When it was added, epoch milliseconds. */
  added: number
}

/** What Check media finds. */
export interface MediaReport {
  /** Files no note or card names. */
  unused: Array<{ name: string; size: number }>
  /** Names that notes use but the collection lacks, with how many notes use each. */
  missing: Array<{ name: string; notes: number }>
  /** Files in the collection, and their total size in bytes. */
  files: number
  bytes: number
}
