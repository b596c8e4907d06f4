/** Anki's cloze deletions in a field's text, shown as a question (hidden) or as its answer. */

const CLOZE = /\{\{c\d+::([\s\S]*?)\}\}/g

export function hasCloze(text: string): boolean {
  return /\{\{c\d+::/.test(text)
}

/** Anki cloze `{{c1::answer::hint}}` → the question side: "[hint]" or "[…]". */
export function hideClozes(text: string): string {
  return text.replace(CLOZE, (_, inner: string) => {
    const hint = inner.indexOf('::') >= 0 ? inner.slice(inner.indexOf('::') + 2).trim() : ''
    return `[${hint || '…'}]`
  })
}

/** Anki cloze `{{c1::answer::hint}}` → the answer side: "answer". */
export function revealClozes(text: string): string {
  return text.replace(CLOZE, (_, inner: string) => (inner.indexOf('::') >= 0 ? inner.slice(0, inner.indexOf('::')) : inner))
}
