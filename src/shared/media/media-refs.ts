/**
 * Where card text names media: Markdown images `![alt](name.png)` (or `![alt](<name with
 * spaces.png>)`) and Anki's sound tags `[sound:name.mp3]`. Fields store names only; the pictures and
 * sounds themselves live in the collection's media table.
 */

export interface MediaRef {
  /** The name as written (a Markdown target is percent-decoded). */
  name: string
  kind: 'image' | 'sound'
}

// `![alt](target "title")`, the target bare or in <…>; alt text may hold escaped brackets.
const IMAGE = /!\[((?:\\.|[^\]\\\n])*)\]\(\s*(?:<([^>\n]+)>|([^\s()<>]+))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g
const SOUND = /\[sound:([^\]\n]+)\]/g

function decodeTarget(target: string): string {
  try {
    return decodeURIComponent(target)
  } catch {
    return target
  }
}

/** Every media reference of a text, in order (a name may come more than once). */
export function mediaRefs(text: string): MediaRef[] {
  if (!text.includes('](') && !text.includes('[sound:')) return []
  const refs: Array<MediaRef & { at: number }> = []
  for (const m of text.matchAll(IMAGE)) refs.push({ name: decodeTarget(m[2] ?? m[3]!), kind: 'image', at: m.index })
  for (const m of text.matchAll(SOUND)) refs.push({ name: m[1]!.trim(), kind: 'sound', at: m.index })
  return refs.sort((a, b) => a.at - b.at).map(({ name, kind }) => ({ name, kind }))
}

/** True when a reference names a file of the collection, not a web address, a data: URL or a path. */
export function isLocalMediaName(name: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:|^\/\/|[/\\]/i.test(name)
}

/** How a name is written as a Markdown image target: spaces, brackets and "%" percent-encoded. */
function imageTarget(name: string): string {
  return name.replace(/[%\s()<>[\]]/g, (c) => encodeURIComponent(c))
}

/** Markdown for an image of the collection. */
export function imageMarkdown(name: string, alt = ''): string {
  return `![${alt.replace(/[[\]\\]/g, '\\$&')}](${imageTarget(name)})`
}

/** The text with media names replaced (old name → new name); names not in the map are kept. */
export function renameMediaRefs(text: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0 || (!text.includes('](') && !text.includes('[sound:'))) return text
  return text
    .replace(IMAGE, (whole, alt: string, angled: string | undefined, bare: string | undefined) => {
      const next = renamed.get(decodeTarget(angled ?? bare!))
      return next === undefined ? whole : `![${alt}](${imageTarget(next)})`
    })
    .replace(SOUND, (whole, name: string) => {
      const next = renamed.get(name.trim())
      return next === undefined ? whole : `[sound:${next}]`
    })
}

/** Anki's `[sound:x.mp3]` as a Markdown image, which the card renderer shows as a player. */
export function soundsAsImages(text: string): string {
  return text.includes('[sound:') ? text.replace(SOUND, (_, name: string) => `![sound](${imageTarget(name.trim())})`) : text
}
