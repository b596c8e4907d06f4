import type { Deck } from '@shared/deck/schema'
import Papa from 'papaparse'

/**
 * A deck as CSV that Anki's text importer and Recall's both read: Anki header lines, then one row
 * per card with its id, so that importing the file again updates the same cards. `#deck id:` and
 * `#deck description:` are comments to Anki and keep the round trip exact in Recall.
 */
export function exportDeckCsv(deck: Deck): string {
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
  const rows = deck.cards.map((c) => [c.id, c.front, c.back, c.extra ?? '', c.tags.join(' '), c.reverse ? 'true' : ''])
  return `${header.join('\n')}\n${Papa.unparse(rows, { newline: '\n', quotes: (value) => typeof value === 'string' && /^[#\s]|[",\n]/.test(value) })}\n`
}
