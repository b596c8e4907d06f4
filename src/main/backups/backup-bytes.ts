import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Past this a backup cannot become one JavaScript string (V8's limit is about 512 MiB). */
const MAX_BACKUP_TEXT_BYTES = 500 * 1024 * 1024

/**
 * Backups are stored gzip-compressed: the NDJSON text shrinks several times, which matters with
 * 31 of them kept. zlib runs on Node's thread pool, so the main process stays responsive.
 */
export async function packBackup(text: string): Promise<Buffer> {
  return gzipAsync(Buffer.from(text, 'utf8'))
}

/** The backup text from a file's bytes: gzip as written by `packBackup`, or plain text as exported. */
export async function unpackBackup(bytes: Uint8Array): Promise<{ content: string } | { error: string }> {
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b
  if (!isGzip) {
    if (bytes.length > MAX_BACKUP_TEXT_BYTES) return { error: tooLarge() }
    return { content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8') }
  }
  try {
    const text = await gunzipAsync(bytes, { maxOutputLength: MAX_BACKUP_TEXT_BYTES })
    return { content: text.toString('utf8') }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { error: tooLarge() }
    return { error: 'This backup is damaged: the compressed file is cut short or corrupted.' }
  }
}

function tooLarge(): string {
  return `This backup is too large to open (over ${MAX_BACKUP_TEXT_BYTES / 1024 / 1024} MB of data).`
}
