/**
 * LevelDB's log format, as far as finding where a log file's last complete record ends.
 *
 * A log (the write-ahead `NNNNNN.log` and the `MANIFEST-NNNNNN`) is a run of 32 KiB blocks. Each
 * physical record is a 7-byte header (masked CRC-32C of type and payload, payload length, type)
 * and its payload; a logical record too long for the rest of a block is cut into FIRST, MIDDLE…
 * and LAST fragments. A block's last 1–6 bytes, too short for a header, are zero padding.
 * See leveldb's doc/log_format.md.
 */
export const BLOCK_SIZE = 32_768
export const HEADER_SIZE = 7

const enum RecordType {
  Zero = 0,
  Full = 1,
  First = 2,
  Middle = 3,
  Last = 4
}

export interface LogScan {
  /** Where the last complete logical record ends (with any block padding after it). */
  completeEnd: number
  /** What follows completeEnd: nothing, a record cut off by the end of the file, or damage. */
  after: 'nothing' | 'cut-off' | 'damage'
}

/**
 * Reads a log from the start. A kill while LevelDB appends leaves a record cut off by the end of
 * the file (a header without its whole payload, or fragments without their LAST); LevelDB itself
 * skips such a tail when it reads the log. Anything else it could not read is damage.
 */
export function scanLog(bytes: Uint8Array): LogScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let position = 0
  let completeEnd = 0
  let inFragments = false
  while (position < bytes.length) {
    const leftInBlock = BLOCK_SIZE - (position % BLOCK_SIZE)
    if (leftInBlock < HEADER_SIZE) {
      if (!isZero(bytes, position, Math.min(position + leftInBlock, bytes.length))) return { completeEnd, after: 'damage' }
      position += leftInBlock
      if (!inFragments) completeEnd = Math.min(position, bytes.length)
      continue
    }
    if (position + HEADER_SIZE > bytes.length) return { completeEnd, after: 'cut-off' }
    const storedCrc = view.getUint32(position, true)
    const length = view.getUint16(position + 4, true)
    const type = bytes[position + 6] as RecordType
    const end = position + HEADER_SIZE + length
    if (length > leftInBlock - HEADER_SIZE) return { completeEnd, after: 'damage' }
    if (end > bytes.length) return { completeEnd, after: 'cut-off' }
    if (maskedCrc32c(bytes.subarray(position + 6, end)) !== storedCrc) return { completeEnd, after: 'damage' }
    if (type === RecordType.Full && !inFragments) completeEnd = end
    else if (type === RecordType.First && !inFragments) inFragments = true
    else if (type === RecordType.Middle && inFragments) {
      // still inside the logical record
    } else if (type === RecordType.Last && inFragments) {
      inFragments = false
      completeEnd = end
    } else return { completeEnd, after: 'damage' }
    position = end
  }
  return { completeEnd, after: inFragments ? 'cut-off' : 'nothing' }
}

function isZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false
  return true
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC32C_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** LevelDB stores CRCs rotated and offset, so a CRC of data that holds CRCs stays meaningful. */
function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes)
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0
}
