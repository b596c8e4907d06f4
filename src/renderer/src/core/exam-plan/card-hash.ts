/** FNV-1a: a small, stable 32-bit hash, so a card's spread day is the same on every device and run. */
export function hashCardId(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
