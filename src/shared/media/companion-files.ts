import type { Deck } from '@shared/deck/schema'
import type { MediaFile } from '@shared/media/media-file'
import { mediaRefs, renameMediaRefs } from '@shared/media/media-refs'
import { mapNoteTexts, noteTexts } from '@shared/media/deck-media'

/**
 * The files a deck of Markdown notes names by relative path (`![alt](img/diagram.png)`), read from
 * beside the notes. A path that climbs out of the notes' folder (`../../x.png`), an absolute path
 * or a web address is never read. In the collection a file goes by its own name (`diagram.png`;
 * `diagram-2.png` when two paths name different files of one name), and the notes are rewritten
 * to name it so. Paths that could not be read stay as written, for the media check to report.
 */
export async function withCompanionFiles(
  deck: Deck,
  read: (path: string) => Promise<Uint8Array | undefined>,
  /** The folder of the notes file inside the folder that was opened ('' at its top). */
  base = '',
  /** Names already given to files of other notes files of the same folder. */
  taken = new Set<string>()
): Promise<{ deck: Deck; files: MediaFile[] }> {
  const files: MediaFile[] = []
  const renamed = new Map<string, string>()
  for (const note of deck.notes)
    for (const { text } of noteTexts(note))
      for (const ref of mediaRefs(text)) {
        if (renamed.has(ref.name)) continue
        const path = insideFolder(base, ref.name)
        if (path === undefined) continue
        const bytes = await read(path)
        if (!bytes) continue
        const name = uniqueName(path.split('/').pop()!, taken)
        taken.add(name)
        renamed.set(ref.name, name)
        files.push({ name, bytes })
      }
  if (renamed.size === 0) return { deck, files }
  return { deck: { ...deck, notes: deck.notes.map((note) => mapNoteTexts(note, (text) => renameMediaRefs(text, renamed))) }, files }
}

/** `base/target` as a path inside the opened folder, or undefined when it leaves it or is not a relative path. */
function insideFolder(base: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(target)) return undefined
  const parts: string[] = base ? base.split('/') : []
  for (const part of target.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(part)
  }
  return parts.length > 0 ? parts.join('/') : undefined
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const dot = name.lastIndexOf('.')
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}${extension}`)) return `${stem}-${n}${extension}`
}
