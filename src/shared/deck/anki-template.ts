import { clozeAnswer, clozeQuestion, parseCloze } from '@shared/deck/cloze'

/**
 * Anki's card templates, rendered to Recall's card text. A note type's template says what each of
 * its cards asks and answers: `{{Field}}`, `{{FrontSide}}` (the question, on the answer side),
 * filters (`{{cloze:Text}}`, `{{hint:Notes}}`, `{{type:Back}}`, `{{text:Field}}`, chained as
 * `{{text:cloze:Text}}` and applied from the field outwards), and sections shown when a field is
 * filled (`{{#Field}}…{{/Field}}`) or empty (`{{^Field}}…{{/Field}}`), nested at will.
 *
 * The rules follow Anki's rslib (template.rs, template_filters.rs, cloze.rs): a field counts as
 * empty when it holds only white space; a standard note type makes a card for a template only
 * when its question reaches a filled field (so a reversed card whose front field is empty is not
 * made); a cloze note type makes a card per cloze number in the fields its question template
 * passes to `cloze:`. Where Anki shows something Recall's text cannot hold, the rendering is
 * reduced: a type-in box is nothing on the question and the expected answer on the answer side, a
 * hint is shown as "Hint: …", text-to-speech is left out, an unknown filter shows the field, an
 * unknown field is empty. Pure text in, text out: nothing is ever run, and the result goes to the
 * same safe renderer as every card.
 */

interface TemplateLike {
  name: string
  front: string
  back: string
}

export interface NoteTypeLike {
  name: string
  kind: 'standard' | 'cloze'
  fields: readonly string[]
  templates: readonly TemplateLike[]
}

/** One study card of a note: the template it comes from, its cloze number, and its two sides. */
export interface RenderedCard {
  /** The template's position (0 for a cloze note type, whose only template makes every card). */
  ord: number
  /** For a cloze note type: the number of the deletions this card hides. */
  cloze?: number
  question: string
  answer: string
}

/** What a template may show besides the note's fields. */
export interface CardContext {
  tags?: readonly string[]
  deck?: string
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; filters: string[] }
  | { kind: 'section'; name: string; negated: boolean; children: Node[] }

const parsedCache = new Map<string, Node[]>()
/** Marks where a tag was rendered, so that a line left empty by tags alone can be dropped. */
const TAG = '\u0001'
const STANDALONE = /(?<=^|\n)[ \t]*(\{\{[#^/][^{}]*\}\})[ \t]*(?:\n|$)/g
const MAX_CACHE = 200

/** The template as a tree. Unclosed sections run to the end; a stray `{{/…}}` is dropped, as text would confuse. */
function parseTemplate(source: string): Node[] {
  const cached = parsedCache.get(source)
  if (cached) return cached
  const root: Node[] = []
  // A section tag alone on its line takes its line break with it (as in Mustache), so that a
  // template written one tag a line leaves no blank lines where a section shows nothing.
  const template = source.replace(STANDALONE, '$1')
  const stack: Array<{ name: string; children: Node[] }> = [{ name: '', children: root }]
  let at = 0
  const top = () => stack[stack.length - 1]!.children
  while (at < template.length) {
    const open = template.indexOf('{{', at)
    if (open < 0) break
    const close = template.indexOf('}}', open + 2)
    if (close < 0) break
    if (open > at) top().push({ kind: 'text', text: template.slice(at, open) })
    const tag = template.slice(open + 2, close).trim()
    at = close + 2
    const sigil = tag[0]
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name: tag.slice(1).trim(), negated: sigil === '^', children: [] }
      top().push(section)
      stack.push({ name: section.name, children: section.children })
    } else if (sigil === '/') {
      const name = tag.slice(1).trim()
      const index = stack.findLastIndex((s, i) => i > 0 && s.name === name)
      if (index > 0) stack.length = index
    } else if (sigil === '!' || tag === '') {
      // A comment, or nothing: shows nothing.
    } else {
      const parts = tag.split(':')
      const name = parts.pop()!.trim()
      top().push({ kind: 'field', name, filters: parts.map((p) => p.trim()) })
    }
  }
  if (at < template.length) top().push({ kind: 'text', text: template.slice(at) })
  if (parsedCache.size >= MAX_CACHE) parsedCache.clear()
  parsedCache.set(source, root)
  return root
}

/** Anki's test for an empty field: nothing but white space (HTML line breaks are already text here). */
function fieldIsEmpty(value: string | undefined): boolean {
  return value === undefined || value.trim() === ''
}

interface Render {
  fields: ReadonlyMap<string, string>
  side: 'question' | 'answer'
  cloze?: number
  frontSide: string
  noteType: string
  card: string
  context: CardContext
}

/** The value of a field or of one of Anki's special fields; undefined for an unknown name. */
function valueOf(name: string, r: Render): string | undefined {
  const own = r.fields.get(name)
  if (own !== undefined) return own
  switch (name) {
    case 'FrontSide':
      return r.side === 'answer' ? r.frontSide : ''
    case 'Tags':
      return (r.context.tags ?? []).join(' ')
    case 'Type':
      return r.noteType
    case 'Card':
      return r.card
    case 'Deck':
      return r.context.deck ?? ''
    case 'Subdeck':
      return r.context.deck?.split('::').pop() ?? ''
    case 'CardFlag':
      return ''
  }
  return undefined
}

/** Whether a section's field counts as filled: a field with text, or on a cloze card `c<n>` for its own number. */
function isFilled(name: string, r: Render): boolean {
  const cloze = /^c(\d+)$/.exec(name)
  if (cloze && !r.fields.has(name)) return r.cloze === Number(cloze[1])
  return !fieldIsEmpty(valueOf(name, r))
}

const RUBY = / ?([^ \]>[]+?)\[([^\]]+)\]/g

function applyFilter(filter: string, value: string, r: Render): string {
  const name = filter.split(/\s/)[0]!.toLowerCase()
  switch (name) {
    case 'text':
      // Anki strips HTML; here that is an image's Markdown.
      return value.replace(/!\[[^\]]*\]\([^)]*\)/g, '').trim()
    case 'cloze': {
      const n = r.cloze
      if (n === undefined) return value
      return r.side === 'question' ? clozeQuestion(value, n) : clozeAnswer(value, n)
    }
    case 'cloze-only': {
      const n = r.cloze
      if (n === undefined) return ''
      return parseCloze(value)
        .deletions.filter((d) => d.n === n)
        .map((d) => d.answer)
        .join(', ')
    }
    case 'type':
      // A box to type the answer in: nothing to show on the question; the answer shows what was expected.
      if (r.side === 'question') return ''
      if (r.cloze !== undefined) return applyFilter('cloze-only', value, r)
      return value
    case 'hint':
      return fieldIsEmpty(value) ? '' : `*Hint:* ${value}`
    case 'tts':
      return ''
    case 'kanji':
      return value.replace(RUBY, (_, base: string) => base)
    case 'kana':
      return value.replace(RUBY, (_, _base: string, reading: string) => reading)
    case 'furigana':
      return value.replace(RUBY, (_, base: string, reading: string) => `${base}（${reading}）`)
    default:
      // Unknown filters (add-ons, `nc:`, `edit:`) show the field as it is.
      return value
  }
}

function renderNodes(nodes: readonly Node[], r: Render, out: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') out.push(node.text)
    else if (node.kind === 'section') {
      out.push(TAG)
      if (isFilled(node.name, r) !== node.negated) renderNodes(node.children, r, out)
    } else {
      out.push(TAG)
      let value = valueOf(node.name, r) ?? ''
      // Filters apply from the one nearest the field outwards: {{text:cloze:Text}} is cloze, then text.
      const filters = node.filters
      const isType = filters.includes('type')
      for (let i = filters.length - 1; i >= 0; i--) {
        const filter = filters[i]!
        if (isType && filter === 'cloze') continue // {{type:cloze:Text}}: the typed answer is the cloze's
        value = applyFilter(filter, value, r)
      }
      out.push(value.replaceAll(TAG, ''))
    }
  }
}

/**
 * White space tidied: a line that held only tags that showed nothing is dropped (as Anki's HTML
 * would show no empty line there), no blank run longer than one line, no blank start or end.
 */
function tidy(marked: string): string {
  return marked
    .split('\n')
    .filter((line) => !(line.includes(TAG) && line.replaceAll(TAG, '').trim() === ''))
    .join('\n')
    .replaceAll(TAG, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export interface RenderInput {
  noteType: Pick<NoteTypeLike, 'name' | 'fields'>
  template: TemplateLike
  /** The note's fields, in the note type's order. */
  values: readonly string[]
  cloze?: number
  context?: CardContext
}

function fieldMap(names: readonly string[], values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  names.forEach((name, i) => map.set(name, values[i] ?? ''))
  return map
}

/**
 * One card's question and answer. The answer is what Recall shows below the question, so a back
 * template that starts with `{{FrontSide}}` (Anki's usual `{{FrontSide}}<hr id=answer>…`), or
 * with the question's own text, gives only what follows it; a back template that places the
 * question elsewhere keeps it there.
 */
export function renderCard(input: RenderInput): { question: string; answer: string } {
  const base = {
    fields: fieldMap(input.noteType.fields, input.values),
    noteType: input.noteType.name,
    card: input.template.name,
    context: input.context ?? {},
    ...(input.cloze !== undefined ? { cloze: input.cloze } : {})
  }
  const q: string[] = []
  renderNodes(parseTemplate(input.template.front), { ...base, side: 'question', frontSide: '' }, q)
  const question = tidy(q.join(''))
  const back = parseTemplate(input.template.back)
  const first = back.findIndex((n) => n.kind !== 'text' || n.text.trim() !== '')
  const leading = back[first]
  const startsWithFront = leading?.kind === 'field' && leading.name === 'FrontSide' && leading.filters.length === 0
  const a: string[] = []
  renderNodes(startsWithFront ? back.slice(first + 1) : back, { ...base, side: 'answer', frontSide: question }, a)
  let answer = tidy(a.join(''))
  // A back that repeats the question's fields before its answer (`{{Front}}<hr id=answer>{{type:Back}}`)
  // shows the question once, above, as with {{FrontSide}}.
  if (question && answer !== question && answer.startsWith(`${question}\n`)) answer = answer.slice(question.length).trim()
  return { question, answer }
}

/**
 * Anki's rule for making a card of a standard note type: its question template reaches a filled
 * field (through the sections the note's fields open). Special fields and FrontSide do not count.
 */
export function questionHasContent(template: string, fieldNames: readonly string[], values: readonly string[]): boolean {
  const fields = fieldMap(fieldNames, values)
  const visit = (nodes: readonly Node[]): boolean =>
    nodes.some((node) => {
      if (node.kind === 'text') return false
      if (node.kind === 'field') return !fieldIsEmpty(fields.get(node.name))
      return !fieldIsEmpty(fields.get(node.name)) !== node.negated && visit(node.children)
    })
  return visit(parseTemplate(template))
}

/** The fields a template passes to `cloze:` (or `cloze-only:`), in order, each once. */
function clozeFieldsOf(template: string): string[] {
  const names = new Set<string>()
  const visit = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.kind === 'section') visit(node.children)
      else if (node.kind === 'field' && node.filters.some((f) => f === 'cloze' || f === 'cloze-only')) names.add(node.name)
    }
  }
  visit(parseTemplate(template))
  return [...names]
}

/** The cloze numbers of a cloze note: those in the fields its question template passes to `cloze:`, ascending. */
export function clozeNumbersOf(noteType: Pick<NoteTypeLike, 'fields' | 'templates'>, values: readonly string[]): number[] {
  const template = noteType.templates[0]
  if (!template) return []
  const numbers = new Set<number>()
  for (const name of clozeFieldsOf(template.front)) {
    const i = noteType.fields.indexOf(name)
    if (i >= 0) for (const n of parseCloze(values[i] ?? '').numbers) numbers.add(n)
  }
  return [...numbers].sort((a, b) => a - b)
}

/**
 * Every card a note of this type makes, as Anki makes them: for a standard type, one per template
 * whose question reaches a filled field; for a cloze type, one per cloze number.
 */
export function renderNoteCards(noteType: NoteTypeLike, values: readonly string[], context: CardContext = {}): RenderedCard[] {
  if (noteType.kind === 'cloze') {
    const template = noteType.templates[0]
    if (!template) return []
    return clozeNumbersOf(noteType, values).map((n) => ({
      ord: 0,
      cloze: n,
      ...renderCard({ noteType, template, values, cloze: n, context })
    }))
  }
  const cards: RenderedCard[] = []
  noteType.templates.forEach((template, ord) => {
    if (!questionHasContent(template.front, noteType.fields, values)) return
    cards.push({ ord, ...renderCard({ noteType, template, values, context }) })
  })
  return cards
}
