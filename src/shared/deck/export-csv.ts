import type { BasicNote, ClozeNote, Deck } from '@shared/deck/schema'
import Papa from 'papaparse'

/**
 * A deck's front/back notes as CSV that Anki's text importer and Recall's both read: Anki header
 * lines, then one row per note with its id, so that importing the file again updates the same
 * notes. `#deck id:` and `#deck description:` are comments to Anki and keep the round trip exact
 * in Recall. A cloze note's text goes in the front (its deletions as Anki writes them) and its
 * extra in the back, which both importers read back as a cloze. Exam-style questions have no place
 * in a two-sided row: `left` counts them.
 */
export function exportDeckCsv(deck: Deck): { text: string; left: number } {
  const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim()
  const header = [
    '#separator:comma',
    '#html:false',
    `#deck:${oneLine(deck.name)}`,
    `#deck id:${deck.id}`,
    ...(deck.description ? [`#deck description:${oneLine(deck.description)}`] : []),
    '#columns:id,front,back,extra,tags,reverse',
    '#tags column:5'
  ]
  const written = deck.notes.filter((n): n is BasicNote | ClozeNote => n.type === 'basic' || n.type === 'cloze')
  const rows = written.map((c) =>
    c.type === 'cloze'
      ? [c.id, c.text, c.extra ?? '', '', c.tags.join(' '), '']
      : [c.id, c.front, c.back, c.extra ?? '', c.tags.join(' '), c.reverse ? 'true' : '']
  )
  const text = `${header.join('\n')}\n${Papa.unparse(rows, { newline: '\n', quotes: (value) => typeof value === 'string' && /^[#\s]|[",\n]/.test(value) })}\n`
  return { text, left: deck.notes.length - written.length }
}
