import type { DeckProblem } from '@shared/deck/problems'
import type { Deck, Note } from '@shared/deck/schema'
import { checkMedia, MAX_MEDIA_REFS_PER_FIELD, type CheckedMedia, type MediaFile } from '@shared/media/media-file'
import { isLocalMediaName, mediaRefs } from '@shared/media/media-refs'

/**
 * The media of an imported deck, checked against its notes: every file passes `checkMedia`, every
 * reference names a file that came with the deck, and a field naming more files than a card can
 * show is refused with its note. Files no note uses are left out.
 */

/** Note keys that hold no card text. */
const NOT_TEXT = new Set(['id', 'type', 'tags', 'tasks', 'sources', 'kind', 'confusable', 'case', 'correct', 'noteType'])

/** Each text field of a note with its name as a person reads it (`options.2.why` → `option 3 explanation`). */
export function noteTexts(note: Note): Array<{ field: string; text: string }> {
  const out: Array<{ field: string; text: string }> = []
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push({ field: path, text: value })
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path} ${i + 1}`))
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) if (!NOT_TEXT.has(key)) visit(inner, path ? `${path} ${key}` : key)
  }
  visit(note, '')
  return out
}

/** The note with `rewrite` applied to every text field. */
export function mapNoteTexts<N extends Note>(note: N, rewrite: (text: string) => string): N {
  const visit = (value: unknown, key?: string): unknown => {
    if (key !== undefined && NOT_TEXT.has(key)) return value
    if (typeof value === 'string') return rewrite(value)
    if (Array.isArray(value)) return value.map((item) => visit(item))
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]))
    return value
  }
  return visit(note) as N
}

/** Every media name the notes use. */
export function mediaNamesOf(notes: readonly Note[]): Set<string> {
  const names = new Set<string>()
  for (const note of notes) for (const { text } of noteTexts(note)) for (const ref of mediaRefs(text)) names.add(ref.name)
  return names
}

export interface CheckedDeckMedia {
  deck: Deck
  media: CheckedMedia[]
  problems: DeckProblem[]
}

/** Checks a deck's media files and the references of its notes. */
export function checkDeckMedia(deck: Deck, files: readonly MediaFile[], file: string): CheckedDeckMedia {
  const problems: DeckProblem[] = []
  const accepted = new Map<string, CheckedMedia>()
  const refused = new Set<string>()
  for (const media of files) {
    if (accepted.has(media.name)) continue
    const checked = checkMedia(media)
    if ('problem' in checked) {
      problems.push({ file, message: `media: ${checked.problem}` })
      refused.add(media.name)
    } else accepted.set(media.name, checked)
  }
  const used = new Set<string>()
  const notes: Note[] = []
  deck.notes.forEach((note) => {
    // Readers may have left notes out, so a note is named by its first words, not its position.
    const where = { file, noteLabel: labelOf(note) }
    let noteRefused = false
    for (const { field, text } of noteTexts(note)) {
      const refs = mediaRefs(text)
      if (refs.length > MAX_MEDIA_REFS_PER_FIELD) {
        problems.push({
          ...where,
          field,
          message: `the field names ${refs.length} media files; a field may name at most ${MAX_MEDIA_REFS_PER_FIELD}, so the note was not imported`
        })
        noteRefused = true
        continue
      }
      for (const ref of refs) {
        const what = ref.kind === 'sound' ? 'sound' : 'image'
        if (accepted.has(ref.name)) used.add(ref.name)
        else if (!isLocalMediaName(ref.name))
          problems.push({
            ...where,
            field,
            message: `the ${what} "${short(ref.name)}" ${notLocal(ref.name)}; the card shows its name in its place`
          })
        else
          problems.push({
            ...where,
            field,
            message: `the ${what} "${short(ref.name)}" ${refused.has(ref.name) ? 'was refused (see above)' : 'is not in the file'}; the card shows its name in its place`
          })
      }
    }
    if (!noteRefused) notes.push(note)
  })
  const media = [...accepted.values()].filter((m) => used.has(m.name))
  return { deck: notes.length === deck.notes.length ? deck : { ...deck, notes }, media, problems }
}

function notLocal(name: string): string {
  if (/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(name))
    return 'is on the web or elsewhere on the computer: Recall shows only media of the collection'
  if (name.split(/[/\\]/).includes('..')) return 'points outside the folder of the notes, so it was not read'
  return 'is not in the file or folder that was imported'
}

function labelOf(note: Note): string {
  const first = noteTexts(note)[0]?.text ?? note.id
  const plain =
    first
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // an image reads as its alt text
      .replace(/\[sound:[^\]]*\]/g, '')
      .replace(/\s+/g, ' ')
      .trim() || note.id
  return plain.length > 40 ? `${plain.slice(0, 39)}…` : plain
}

function short(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}…` : name
}
