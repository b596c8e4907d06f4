/**
 * Stable ids for decks and cards.
 *
 * A card without an explicit id gets one derived from its front text, so that re-generating or
 * re-importing a deck gives the same id to the same question, and editing only the back keeps
 * its progress. Authors who want to reword a front without losing progress give the card an
 * explicit id (Markdown: a trailing `^id`).
 */

/** Lowercase ASCII slug: "SageMaker Studio & Notebooks" → "sagemaker-studio-notebooks". */
export function slugify(text: string, maxLength = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
  return slug
}

/** 53-bit string hash (cyrb53), printed base-36: short, fast and well spread; not for security. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

/** Whitespace and case do not change a card's identity. */
function normaliseFront(front: string): string {
  return front.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()
}

/** The id a card gets from its front text when it has no explicit id. */
export function cardIdFromFront(front: string): string {
  const slug = slugify(front, 40)
  const hash = hashText(normaliseFront(front)).slice(0, 8)
  return slug ? `${slug}-${hash}` : `c-${hash}`
}
