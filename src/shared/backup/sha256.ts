/**
 * SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. Web Crypto exists in the renderer and in
 * Node 20 alike, so shared code needs no Node import.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
