/** 1-based line number of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Text without a leading UTF-8 byte-order mark and with \n line ends. */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n')
}

/**
 * Bytes → text: UTF-8 (a byte-order mark is dropped), or UTF-16 when a byte-order mark says so.
 * Undefined for anything else: invalid UTF-8 or NUL characters mean a binary file.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined
  try {
    const decoder = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true })
    const text = decoder.decode(utf16 ? bytes.subarray(2) : bytes)
    if (text.includes('\u0000')) return undefined
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    return undefined
  }
}
