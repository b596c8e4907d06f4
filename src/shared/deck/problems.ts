import type { PackageHistory } from '@shared/deck/apkg-history'
import type { CsvReading } from '@shared/deck/csv-reading'
import type { CheckedMedia, MediaFile } from '@shared/media/media-file'

/** A problem found in a deck file, located as precisely as the format allows. */
export interface DeckProblem {
  file: string
  message: string
  /** 1-based line in the file, when known. */
  line?: number
  /** 1-based position of the note in the deck, when the problem belongs to one note. */
  note?: number
  /** The note's first words, when its position in the file is not known any more. */
  noteLabel?: string
  field?: string
}

/** One line a person can act on: `file:line: note 3, field back: back is empty`. */
export function formatProblem(p: DeckProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file
  const what = [p.note ? `note ${p.note}` : p.noteLabel ? `note “${p.noteLabel}”` : '', p.field ? `field ${p.field}` : '']
    .filter(Boolean)
    .join(', ')
  return `${where}: ${what ? `${what}: ` : ''}${p.message}`
}

/** Importers return what they could read and every problem, instead of throwing. */
export interface ImportResult<T> {
  deck?: T
  /** The images and sounds the deck's notes name, checked (see shared/media/deck-media.ts). */
  media?: CheckedMedia[]
  problems: DeckProblem[]
  /** An Anki package's review history and scheduling (apkg-history.ts); imported only when the person asks. */
  history?: PackageHistory
  /** How a CSV or TSV file was read (separator, header row, columns), for the preview to show and change. */
  csv?: CsvReading
}

/** What a reader returns before its media is checked (import-file.ts): also the files it brought. */
export interface ParsedImport<T> extends ImportResult<T> {
  files?: MediaFile[]
}
