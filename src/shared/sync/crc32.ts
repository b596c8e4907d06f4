/**
 * CRC-32 (IEEE 802.3, the one of zip, gzip and PNG), synchronous and pure: a segment's checksum.
 * It tells a whole file from a damaged or mixed-up one; nobody forges segments, so a
 * cryptographic hash would buy nothing here (media content is identified by SHA-256 instead).
 */
let table: Uint32Array | undefined

function crcTable(): Uint32Array {
  if (table) return table
  table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}

/** A CRC-32 fed a piece at a time: the same checksum as one `crc32Hex` of the pieces joined. */
export function crc32Stream(): { add(text: string): void; hex(): string } {
  const t = crcTable()
  const encoder = new TextEncoder()
  let c = 0xffffffff
  return {
    add(text) {
      const bytes = encoder.encode(text)
      for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
    },
    hex: () => (~c >>> 0).toString(16).padStart(8, '0')
  }
}

/** The CRC-32 of a text's UTF-8 bytes, as 8 hex digits. */
export function crc32Hex(text: string): string {
  const crc = crc32Stream()
  crc.add(text)
  return crc.hex()
}
