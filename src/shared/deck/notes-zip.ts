import { deckIdFor, fileStem } from '@shared/deck/foreign-cards'
import { parseMarkdownDeck } from '@shared/deck/markdown'
import type { DeckProblem, ParsedImport } from '@shared/deck/problems'
import type { Deck, Note } from '@shared/deck/schema'
import { decodeText } from '@shared/deck/text-lines'
import { withCompanionFiles } from '@shared/media/companion-files'
import type { MediaFile } from '@shared/media/media-file'
import { unzipSync } from 'fflate'

/**
 * A folder of Markdown notes, zipped (`notes.zip`): every `.md` file in it is read, in path order,
 * and the images its notes name by relative path come from the same archive. One file makes its
 * own deck; several make one deck named after the archive, a note whose id another file already
 * used is reported and left out.
 */
export async function readNotesZip(bytes: Uint8Array, file: string, cap: number): Promise<ParsedImport<Deck>> {
  const entries = unzipBounded(bytes, cap)
  if (typeof entries === 'string') return { problems: [{ file, message: entries }] }
  const notesFiles = Object.keys(entries)
    .filter((path) => /\.(md|markdown)$/i.test(path) && !path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'))
    .sort()
  if (notesFiles.length === 0)
    return { problems: [{ file, message: 'the zip archive holds no Markdown notes (.md files); Anki packages end in .apkg' }] }
  const problems: DeckProblem[] = []
  const files: MediaFile[] = []
  const taken = new Set<string>()
  const decks: Deck[] = []
  for (const path of notesFiles) {
    const where = `${file}/${path}`
    const text = decodeText(entries[path]!)
    if (text === undefined) {
      problems.push({ file: where, message: 'not UTF-8 text, so it was not read' })
      continue
    }
    const result = parseMarkdownDeck(text, where)
    problems.push(...result.problems)
    if (!result.deck) continue
    const base = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    const read = async (inner: string) => entries[inner]
    const withFiles = await withCompanionFiles(result.deck, read, base, taken)
    files.push(...withFiles.files)
    decks.push(withFiles.deck)
  }
  if (decks.length === 0) return { problems }
  if (decks.length === 1) return { deck: decks[0], files, problems }
  const name = fileStem(file)
  const notes: Note[] = []
  const seen = new Set<string>()
  decks.forEach((deck, d) => {
    for (const note of deck.notes) {
      if (seen.has(note.id))
        problems.push({
          file: `${file}/${notesFiles[d]}`,
          message: `note id "${note.id}" is also used by an earlier file; this note was left out`
        })
      else {
        seen.add(note.id)
        notes.push(note)
      }
    }
  })
  return { deck: { ...decks[0]!, id: deckIdFor(name, file), name, description: undefined, notes }, files, problems }
}

function unzipBounded(bytes: Uint8Array, cap: number): Record<string, Uint8Array> | string {
  let declared = 0
  let tooLarge = false
  try {
    const entries = unzipSync(bytes, {
      filter: (entry) => {
        if (entry.name.endsWith('/')) return false
        declared += entry.originalSize
        tooLarge ||= declared > cap
        return !tooLarge
      }
    })
    return tooLarge ? `the archive unpacks to more than ${Math.ceil((cap / 1024 / 1024) * 10) / 10} MB; it was not opened` : entries
  } catch {
    return 'the archive is damaged: it is not a readable zip file'
  }
}
