import {
  acceptCard,
  ankiGuidId,
  deckIdFor,
  fileStem,
  finishImport,
  foreignId,
  lineCounter,
  toTags,
  type AcceptedCard,
  type ForeignCard
} from '@shared/deck/foreign-cards'
import { htmlToText, looksLikeHtml } from '@shared/deck/html-to-text'
import { slugify } from '@shared/deck/ids'
import { addMedia, type MediaCount } from '@shared/deck/media-count'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Deck } from '@shared/deck/schema'
import { conflictMarkers, jsonTooDeep } from '@shared/deck/file-kind'
import { normaliseText } from '@shared/deck/text-lines'
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'

/**
 * JSON decks from other tools → deck: a list of card objects (or `[front, back]` pairs), either
 * at the top level or under `cards`, `notes`, `flashcards`, `items`, `data` or `entries`.
 */

const LIST_KEYS = ['cards', 'notes', 'flashcards', 'items', 'data', 'entries']
const NAME_KEYS = ['name', 'title', 'deckname', 'deck']
const FRONT_KEYS = ['front', 'question', 'term', 'prompt', 'q']
const BACK_KEYS = ['back', 'answer', 'definition', 'response', 'a']
const EXTRA_KEYS = ['extra', 'notes', 'explanation', 'hint', 'example']
const TOPIC_KEYS = ['topic', 'category', 'domain']

export function parseJsonCards(rawText: string, file: string, options: { maxCards?: number } = {}): ImportResult<Deck> {
  const text = normaliseText(rawText)
  // Before any parser: jsonc-parser recurses, and a merge conflict is no syntax error to fix.
  const refused = conflictMarkers(text) ?? jsonTooDeep(text)
  if (refused) return { problems: [{ file, ...refused }] }
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: true })
  const lineOf = lineCounter(text)
  if (errors.length > 0 || !root) {
    const first = errors[0]
    const what = first
      ? printParseErrorCode(first.error)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()
      : 'the file is empty'
    return { problems: [{ file, line: first ? lineOf(first.offset) : 1, message: `invalid JSON: ${what}` }] }
  }
  const { list, holder } = findCardList(root)
  if (!list)
    return { problems: [{ file, message: 'no list of cards found (expected an array, or one under "cards", "notes", "items" or "data")' }] }
  const items = list.children ?? []
  if (options.maxCards !== undefined && items.length > options.maxCards) {
    return { problems: [{ file, message: `the file has more than ${options.maxCards} cards; split it into smaller decks` }] }
  }
  const html = looksLikeHtml(text)
  const problems: DeckProblem[] = []
  const accepted: AcceptedCard[] = []
  items.forEach((item, index) => {
    // Minified JSON is one line: the position in the list names the card there.
    const where = { line: lineOf(item.offset), note: index + 1 }
    const fields = readItem(item, html)
    if (typeof fields === 'string') problems.push({ file, ...where, message: fields })
    else {
      const card = acceptCard(fields, where, file, problems)
      if (card) accepted.push(card)
    }
  })
  const name = (holder && textOf(holder, NAME_KEYS)) || (root.type === 'object' && textOf(root, NAME_KEYS)) || fileStem(file)
  const description = holder ? textOf(holder, ['description'])?.slice(0, 2000) : undefined
  return finishImport({ id: deckIdFor(name, file), name, ...(description ? { description } : {}) }, accepted, problems, file)
}

function findCardList(root: Node): { list?: Node; holder?: Node } {
  if (root.type === 'array') return { list: root }
  if (root.type !== 'object') return {}
  // `{"deck": {"name": …, "cards": […]}}` is as common as a flat object: look one level down too.
  for (const holder of [
    root,
    ...properties(root)
      .map(([, v]) => v)
      .filter((v) => v.type === 'object')
  ]) {
    const list = LIST_KEYS.map((k) => property(holder, [k])).find((v) => v?.type === 'array')
    if (list) return { list, holder }
  }
  return {}
}

/** A card object or a `[front, back, …]` pair → its fields, or why it is not a card. */
function readItem(item: Node, html: boolean): ForeignCard | string {
  const media: MediaCount = { images: 0, sounds: 0, videos: 0 }
  const clean = (value: string) => {
    if (!html) return value
    const safe = htmlToText(value)
    addMedia(media, safe.media)
    return safe.text
  }
  if (item.type === 'array') {
    const [front = '', back = '', ...rest] = (item.children ?? []).map((n) => clean(valueText(n) ?? ''))
    return { front, back, extra: rest.filter((s) => s.trim()).join('\n\n'), media }
  }
  if (item.type !== 'object') return 'not a card: expected an object with a front and a back'
  for (const [side, keys] of [
    ['front', FRONT_KEYS],
    ['back', BACK_KEYS]
  ] as const) {
    const node = property(item, keys)
    if (node && node.type !== 'null' && valueText(node) === undefined) return `${side} must be text, not an object`
  }
  const fieldList = property(item, ['fields'])
  const sides = fieldList?.type === 'array' ? (fieldList.children ?? []).map((n) => valueText(n) ?? '') : undefined
  const front = sides ? sides[0] : textOf(item, FRONT_KEYS)
  const back = sides ? sides[1] : textOf(item, BACK_KEYS)
  if (front === undefined && back === undefined) return 'not a card: no front/back, question/answer, term/definition or prompt/response'
  const extras = sides ? sides.slice(2) : EXTRA_KEYS.map((k) => textOf(item, [k]) ?? '')
  const tagNode = property(item, ['tags'])
  const tagValues =
    tagNode?.type === 'array' ? (tagNode.children ?? []).map((n) => valueText(n) ?? '') : (textOf(item, ['tags']) ?? '').split(/[\s,]+/)
  const topics = TOPIC_KEYS.map((k) => textOf(item, [k]))
    .filter((t): t is string => !!t?.trim())
    .map((t) => slugify(t) || t)
  const id = textOf(item, ['id'])
  const guid = textOf(item, ['guid'])
  return {
    front: clean(front ?? ''),
    back: clean(back ?? ''),
    extra: extras
      .map(clean)
      .filter((s) => s.trim())
      .join('\n\n'),
    media,
    tags: toTags([...tagValues, ...topics]),
    id: guid?.trim() ? ankiGuidId(guid) : id?.trim() ? foreignId(id) : undefined
  }
}

function properties(node: Node): [string, Node][] {
  return (node.children ?? []).flatMap((p) =>
    p.children?.[0] && p.children[1] ? [[String(p.children[0].value).toLowerCase(), p.children[1]] as [string, Node]] : []
  )
}

function property(node: Node, keys: string[]): Node | undefined {
  const props = properties(node)
  for (const key of keys) {
    const found = props.find(([k]) => k === key)
    if (found) return found[1]
  }
  return undefined
}

function textOf(node: Node, keys: string[]): string | undefined {
  const value = property(node, keys)
  return value ? valueText(value) : undefined
}

/** Text, numbers and lists of them read as text; objects do not. */
function valueText(node: Node): string | undefined {
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return String(getNodeValue(node))
  if (node.type === 'array')
    return (node.children ?? [])
      .map(valueText)
      .filter((s): s is string => s !== undefined)
      .join('\n')
  return undefined
}

// ---- Shared by the foreign-format importers (CSV, JSON, Anki packages) ----
