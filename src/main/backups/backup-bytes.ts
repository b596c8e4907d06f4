import { BACKUP_READ_ERRORS, isGzip, MAX_BACKUP_TEXT_BYTES } from '@shared/backup/backup-messages'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/**
 * Backups are stored gzip-compressed: the NDJSON text shrinks several times, which matters with
 * 31 of them kept. zlib runs on Node's thread pool, so the main process stays responsive.
 */
export async function packBackup(text: string): Promise<Buffer> {
  return gzipAsync(Buffer.from(text, 'utf8'))
}

/** The backup text from a file's bytes: gzip as written by `packBackup`, or plain text as exported. */
export async function unpackBackup(bytes: Uint8Array): Promise<{ content: string } | { error: string }> {
  if (!isGzip(bytes)) {
    if (bytes.length > MAX_BACKUP_TEXT_BYTES) return { error: BACKUP_READ_ERRORS.tooLarge }
    return { content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') }
  }
  try {
    const text = await gunzipAsync(bytes, { maxOutputLength: MAX_BACKUP_TEXT_BYTES })
    return { content: text.toString('utf8') }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { error: BACKUP_READ_ERRORS.tooLarge }
    return { error: BACKUP_READ_ERRORS.damaged }
  }
}
