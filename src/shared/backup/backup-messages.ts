/** Past this a backup cannot become one JavaScript string (V8's limit is about 512 MiB). */
export const MAX_BACKUP_TEXT_BYTES = 500 * 1024 * 1024

/** Backups are stored gzip-compressed; a file without gzip's magic bytes is a plain-text one, as exported. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** What reading a backup can go wrong with, worded the same on both platforms. */
export const BACKUP_READ_ERRORS = {
  notOurs: (file: string) => `"${file}" is not the name of a Recall backup.`,
  gone: (file: string) => `This backup no longer exists (${file}).`,
  tooLarge: `This backup is too large to open (over ${MAX_BACKUP_TEXT_BYTES / 1024 / 1024} MB of data).`,
  damaged: 'This backup is damaged: the compressed file is cut short or corrupted.'
}

/** Ends every message of a failed backup write: nothing the person studied was lost. */
export const STILL_SAFE = 'Your study progress is still safe in Recall.'
