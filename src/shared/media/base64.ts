/** Bytes ↔ base64, with the platform's atob/btoa (the page, workers and Node 20 all have them). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  const step = 0x8000
  for (let at = 0; at < bytes.length; at += step) parts.push(String.fromCharCode(...bytes.subarray(at, at + step)))
  return btoa(parts.join(''))
}

/** Undefined when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  let binary: string
  try {
    binary = atob(text)
  } catch {
    return undefined
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
