import type { DeckProblem, ParsedImport } from '@shared/deck/problems'
import { base64ToBytes } from '@shared/media/base64'
import type { MediaFile } from '@shared/media/media-file'
import { deckSchema, type Deck } from '@shared/deck/schema'
import { conflictMarkers, jsonTooDeep } from '@shared/deck/file-kind'
import { lineAt, normaliseText } from '@shared/deck/text-lines'
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type { z } from 'zod'

/**
 * Parses and validates a native deck file; every problem names the file, line, note and field.
 * A version 1 file (`cards`, each a basic note) is read as version 2. The images and sounds its
 * notes name travel in `media`: `[{ "name": "diagram.png", "data": "<base64>" }]`, checked
 * like every other import's media (shared/media).
 */
export function parseNativeDeck(rawText: string, file: string): ParsedImport<Deck> {
  const text = normaliseText(rawText)
  // Before any parser: jsonc-parser and zod recurse, and a merge conflict is no syntax error to fix.
  const refused = conflictMarkers(text) ?? jsonTooDeep(text)
  if (refused) return { problems: [{ file, ...refused }] }
  const syntaxErrors: ParseError[] = []
  const tree = parseTree(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true })
  if (syntaxErrors.length > 0 || !tree) {
    const first = syntaxErrors[0]
    return {
      problems: [
        {
          file,
          line: first ? lineAt(text, first.offset) : 1,
          message: first ? `invalid JSON: ${describeSyntaxError(first)}` : 'invalid JSON: the file is empty'
        }
      ]
    }
  }
  const { value, files, problems } = takeMedia(JSON.parse(text), file)
  const v1 = isVersion1(value)
  const deck = v1 ? upgradeVersion1(value) : value
  const list = v1 ? 'cards' : 'notes'
  // A note the schema refuses is reported with its line and left out, and the rest is read again
  // without it; a problem of the deck itself (its format, id, name) refuses the whole file.
  const all: unknown[] | undefined = isRecord(deck) && Array.isArray(deck.notes) ? deck.notes : undefined
  let kept = all?.map((_, i) => i)
  const found: DeckProblem[] = []
  for (;;) {
    const result = deckSchema.safeParse(kept && isRecord(deck) ? { ...deck, notes: kept.map((i) => all![i]) } : deck)
    if (result.success) return { deck: result.data, files, problems: [...problems, ...found] }
    const bad = new Set<number>()
    let whole = !kept
    for (const issue of result.error.issues) {
      const [root, index] = issue.path
      const original = kept && root === 'notes' && typeof index === 'number' ? kept[index] : undefined
      if (original === undefined) whole = true
      else bad.add(original)
      // Located in the file as written: the note's position among all of them.
      const path = original === undefined ? issue.path : ['notes', original, ...issue.path.slice(2)]
      found.push(locateIssue({ ...issue, path }, text, tree, file, list))
    }
    kept = kept?.filter((i) => !bad.has(i))
    if (whole || bad.size === 0 || kept?.length === 0) return { problems: found }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The deck without its `media` list, and the files the list holds. */
function takeMedia(parsed: unknown, file: string): { value: unknown; files: MediaFile[]; problems: DeckProblem[] } {
  if (typeof parsed !== 'object' || parsed === null || !('media' in parsed)) return { value: parsed, files: [], problems: [] }
  const { media, ...value } = parsed
  const files: MediaFile[] = []
  const problems: DeckProblem[] = []
  if (!Array.isArray(media)) return { value, files, problems: [{ file, message: 'media must be a list of { name, data } entries' }] }
  media.forEach((entry: unknown, i) => {
    const { name, data } = (entry ?? {}) as { name?: unknown; data?: unknown }
    const bytes = typeof data === 'string' ? base64ToBytes(data) : undefined
    if (typeof name !== 'string' || !bytes) problems.push({ file, message: `media entry ${i + 1} needs a name and base64 data` })
    else files.push({ name, bytes })
  })
  return { value, files, problems }
}

interface Version1 {
  version: 1
  cards: unknown[]
}

function isVersion1(value: unknown): value is Version1 {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === 1 &&
    Array.isArray((value as { cards?: unknown }).cards)
  )
}

/** Version 1 listed `cards`: each one is a basic note (front, back, extra, tags, reverse). */
function upgradeVersion1(deck: Version1): Record<string, unknown> {
  const { cards, ...rest } = deck
  return {
    ...rest,
    version: 2,
    notes: cards.map((card) => (typeof card === 'object' && card !== null && !Array.isArray(card) ? { type: 'basic', ...card } : card))
  }
}

function locateIssue(
  issue: z.core.$ZodIssue,
  text: string,
  tree: ReturnType<typeof parseTree>,
  file: string,
  list: 'notes' | 'cards'
): DeckProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol').map((p) => (p === 'notes' ? list : p))
  const problem: DeckProblem = { file, message: issue.message }
  if (path[0] === list && typeof path[1] === 'number') {
    problem.note = path[1] + 1
    if (path.length > 2) problem.field = path.slice(2).join('.')
  } else if (path.length > 0) {
    problem.field = path.join('.')
  }
  if (issue.code === 'unrecognized_keys') problem.message = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  if (tree) {
    // Walk up the path until a node exists (a missing field is reported on its object).
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n))
      if (node) {
        problem.line = lineAt(text, node.offset)
        break
      }
    }
  }
  return problem
}

function describeSyntaxError(error: ParseError): string {
  const code = printParseErrorCode(error.error)
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}
