/**
 * Where a bare URL in running text ends. Writers put links in brackets and sentences:
 * `(see https://aws.amazon.com/sagemaker/)}` — the `)}` closes their brackets, not the URL.
 * Trailing sentence punctuation and quotes are never part of it; a closing bracket is only
 * when the URL opened it (`https://en.wikipedia.org/wiki/Set_(mathematics)`).
 */

const CLOSER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' }
const TRAILING = new Set(['.', ',', ':', ';', '!', '?', "'", '"', '*', '_', '~', '’', '”', '»'])

/** The URL and the characters after it that belong to the surrounding text. */
export function splitUrlEnd(url: string): { url: string; rest: string } {
  let end = url.length
  for (;;) {
    const last = url[end - 1]
    if (last === undefined || end <= 1) break
    const opener = CLOSER_OF[last]
    if (TRAILING.has(last)) end--
    else if (opener && count(url, last, end) > count(url, opener, end)) end--
    else break
  }
  return { url: url.slice(0, end), rest: url.slice(end) }
}

function count(text: string, char: string, end: number): number {
  let n = 0
  for (let i = 0; i < end; i++) if (text[i] === char) n++
  return n
}
