import { finishDeck, type LocatedCard } from '@shared/deck/finish-deck'
import { isTrue, readFrontMatter } from '@shared/deck/front-matter'
import { cardIdFromFront, slugify } from '@shared/deck/ids'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Card, Deck } from '@shared/deck/schema'
import { normaliseText } from '@shared/deck/text-lines'

/**
 * Markdown study notes → deck.
 *
 * Cards are read from (each may end with an Obsidian block id ` ^id` that becomes its id):
 *  - definition bullets: `- **Term:** definition`, `- Term – definition`;
 *  - `Q: …` / `A: …` pairs (also bold `**Q:** …`);
 *  - inline `front::back`, and `front:::back` for both directions;
 *  - multi-line `front` / `?` / `back…` blocks (`??` for both directions), ended by a blank line;
 *  - tables: each row a card, first column the front.
 * Headings above a card become its tags. Directions follow Obsidian's spaced-repetition plugin:
 * questions (`Q:`, `::`, `?`) are one-way, `:::` and `??` both ways. Term → definition cards
 * (bullets, table rows) are one-way unless the front matter says `reverse: true`. Front matter
 * may also set the deck's id, name and description.
 */
export function parseMarkdownDeck(rawText: string, file: string): ImportResult<Deck> {
  const lines = normaliseText(rawText).split('\n')
  const front = readFrontMatter(lines)
  const defaultReverse = isTrue(front.fields.reverse)
  const headings: string[] = []
  const cards: LocatedCard[] = []
  const problems: DeckProblem[] = []
  let block: Line[] = []

  const flush = () => {
    if (block.length > 0)
      readBlock(
        block,
        headings
          .filter(Boolean)
          .map((h) => slugify(h))
          .filter(Boolean),
        defaultReverse,
        cards,
        problems,
        file
      )
    block = []
  }

  let inFence = false
  for (let i = front.lineCount; i < lines.length; i++) {
    const text = lines[i] ?? ''
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence
    const heading = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(text)
    if (heading) {
      flush()
      const level = heading[1]!.length
      headings.length = level - 1
      headings[level - 1] = heading[2]!
    } else if (!inFence && text.trim() === '') {
      flush()
    } else {
      block.push({ text, line: i + 1 })
    }
  }
  flush()

  const fileStem = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '')
  return finishDeck(
    {
      id: front.fields.id ?? (slugify(fileStem) || 'notes'),
      name: front.fields.name ?? fileStem,
      description: front.fields.description,
      cards: []
    },
    cards,
    problems,
    file
  )
}

interface Line {
  text: string
  line: number
}

const BLOCK_ID = /\s+\^([a-z0-9][a-z0-9-]*)\s*$/i
const QUESTION = /^\s*(?:\*\*)?Q:(?:\*\*)?\s*(.*?)(?:\*\*)?\s*$/
const ANSWER = /^\s*(?:\*\*)?A:(?:\*\*)?\s*(.*?)\s*$/
const BOLD_BULLET = /^\s*[-*+]\s+\*\*(.+?)\*\*\s*:?\s*(.*)$/
const DASH_BULLET = /^\s*[-*+]\s+(.+?)\s+[–—-]\s+(.+)$/

function readBlock(
  block: Line[],
  tags: string[],
  defaultReverse: boolean,
  cards: LocatedCard[],
  problems: DeckProblem[],
  file: string
): void {
  const add = (frontText: string, back: string, line: number, reverse: boolean) => {
    const { text: frontClean, id } = takeBlockId(frontText)
    const card: Card = {
      id: id ?? cardIdFromFront(frontClean),
      front: frontClean,
      back: back.trim(),
      tags,
      ...(reverse ? { reverse: true } : {})
    }
    if (!card.back) problems.push({ file, line, message: `the card "${frontClean}" has no answer` })
    else cards.push({ card, line })
  }

  const marker = block.findIndex((l, i) => i > 0 && /^\s*\?\??\s*$/.test(l.text))
  if (marker > 0) {
    const frontText = block
      .slice(0, marker)
      .map((l) => l.text.trim())
      .join('\n')
    const back = block
      .slice(marker + 1)
      .map((l) => l.text)
      .join('\n')
    add(frontText, back, block[0]!.line, block[marker]!.text.trim() === '??')
    return
  }

  if (block[0]!.text.trimStart().startsWith('|')) return readTable(block, tags, defaultReverse, add, problems, file)

  let open: { card: [string, string[], number, boolean]; kind: 'qa' | 'bullet' } | null = null
  let question: { text: string; line: number } | null = null
  const close = () => {
    if (open) add(open.card[0], open.card[1].join('\n'), open.card[2], open.card[3])
    open = null
  }
  for (const { text, line } of block) {
    const q = QUESTION.exec(text)
    const a = q ? null : ANSWER.exec(text)
    if (q) {
      close()
      if (question) problems.push({ file, line: question.line, message: 'a question (Q:) has no answer (A:)' })
      question = { text: q[1]!, line }
      continue
    }
    if (a && question) {
      open = { card: [question.text, [a[1]!], question.line, false], kind: 'qa' }
      question = null
      continue
    }
    if (question) {
      question.text += `\n${text.trim()}`
      continue
    }
    if (open && (open.kind === 'qa' || /^\s{2,}\S/.test(text))) {
      open.card[1].push(open.kind === 'bullet' ? text.replace(/^\s{2}/, '') : text)
      continue
    }
    close()
    const inline = /^(.*?\S)\s*(:{2,3})\s*(\S.*)$/.exec(text)
    const bold = BOLD_BULLET.exec(text)
    const dash = bold ? null : DASH_BULLET.exec(text)
    if (bold) {
      const term = bold[1]!.replace(/:\s*$/, '').trim()
      open = { card: [withTrailingId(term, bold[2]!), [stripId(bold[2]!)], line, defaultReverse], kind: 'bullet' }
    } else if (inline && !/^\s*[-*+]\s/.test(text) && !/https?:\/\/\S*$/.test(inline[1]!)) {
      add(withTrailingId(inline[1]!, inline[3]!), stripId(inline[3]!), line, inline[2] === ':::')
    } else if (dash) {
      open = { card: [withTrailingId(dash[1]!, dash[2]!), [stripId(dash[2]!)], line, defaultReverse], kind: 'bullet' }
    }
  }
  close()
  if (question) problems.push({ file, line: question.line, message: 'a question (Q:) has no answer (A:)' })
}

function readTable(
  block: Line[],
  tags: string[],
  defaultReverse: boolean,
  add: (front: string, back: string, line: number, reverse: boolean) => void,
  problems: DeckProblem[],
  file: string
): void {
  const rows = block.map((l) => ({ cells: splitRow(l.text), line: l.line }))
  const header = rows[0]!.cells
  const isSeparator = (cells: string[]) => cells.every((c) => /^:?-{1,}:?$/.test(c))
  const body = rows.slice(rows[1] && isSeparator(rows[1].cells) ? 2 : 1)
  for (const row of body) {
    if (row.cells.length < 2) {
      problems.push({ file, line: row.line, message: 'a table row needs at least two columns' })
      continue
    }
    const [frontCell, ...rest] = row.cells
    const back = rest.length === 1 ? rest[0]! : rest.map((cell, i) => (header[i + 1] ? `**${header[i + 1]}:** ${cell}` : cell)).join('\n\n')
    add(frontCell!, back, row.line, defaultReverse)
  }
}

function splitRow(text: string): string[] {
  return text
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'))
}

function takeBlockId(text: string): { text: string; id?: string } {
  const match = BLOCK_ID.exec(text)
  return match ? { text: text.slice(0, match.index).trim(), id: match[1]!.toLowerCase() } : { text: text.trim() }
}

/** A bullet's id is written at the end of its line, after the definition: move it to the front. */
function withTrailingId(front: string, rest: string): string {
  const match = BLOCK_ID.exec(rest)
  return match ? `${front} ^${match[1]}` : front
}

function stripId(text: string): string {
  return text.replace(BLOCK_ID, '')
}
