import { markdownToAnkiHtml } from '@shared/deck/apkg-export-html'
import { RECALL_BASIC_NAME, RECALL_QUESTION_FIELDS, RECALL_QUESTION_NAME, RECALL_REVERSED_NAME } from '@shared/deck/recall-anki-guid'

/**
 * The note types of a Recall export, as Anki's schema 11 keeps them in `col.models`
 * (`rslib/src/notetype/schema11.rs`). Recall's own kinds of note get note types named after
 * Recall, so that Anki never mixes them with the person's own "Basic": a basic note is "Recall
 * Basic" (Front, Back, Extra), a reversed one "Recall Basic (and reversed card)" — two note types,
 * as Anki has, because Anki makes a card for every template whose front has content —, a cloze
 * note "Recall Cloze" (Text, Back Extra; a card per cloze number), an exam-style question "Recall
 * Question" (the question with its options, and the answer with its explanations). A deck's own
 * note types (notes of type `fields`, brought from Anki) go back with their fields and templates.
 */

export interface AnkiNoteType {
  /** Anki's note type id: stable, so that exporting again updates the same note type. */
  id: number
  name: string
  kind: 'standard' | 'cloze'
  fields: string[]
  templates: Array<{ name: string; qfmt: string; afmt: string }>
  css: string
}

const CSS = `.card {
  font-family: arial;
  font-size: 20px;
  text-align: center;
  color: black;
  background-color: white;
}
`
const CLOZE_CSS = `${CSS}.cloze {
  font-weight: bold;
  color: blue;
}
.nightMode .cloze {
  color: lightblue;
}
`
const EXTRA = '{{#Extra}}<br><br>{{Extra}}{{/Extra}}'
const FORWARD = { name: 'Card 1', qfmt: '{{Front}}', afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}${EXTRA}` }

export const RECALL_BASIC: AnkiNoteType = {
  id: 1_735_689_600_001,
  name: RECALL_BASIC_NAME,
  kind: 'standard',
  fields: ['Front', 'Back', 'Extra'],
  templates: [FORWARD],
  css: CSS
}

export const RECALL_REVERSED: AnkiNoteType = {
  id: 1_735_689_600_002,
  name: RECALL_REVERSED_NAME,
  kind: 'standard',
  fields: ['Front', 'Back', 'Extra'],
  templates: [FORWARD, { name: 'Card 2', qfmt: '{{Back}}', afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}${EXTRA}` }],
  css: CSS
}

export const RECALL_CLOZE: AnkiNoteType = {
  id: 1_735_689_600_003,
  name: 'Recall Cloze',
  kind: 'cloze',
  fields: ['Text', 'Back Extra'],
  templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
  css: CLOZE_CSS
}

export const RECALL_QUESTION: AnkiNoteType = {
  id: 1_735_689_600_004,
  name: RECALL_QUESTION_NAME,
  kind: 'standard',
  // "Recall data" is shown on no card: the question as Recall wrote it, so that Recall reads the
  // same question back (its options, steps or pairs, its case study, its task statements).
  fields: [...RECALL_QUESTION_FIELDS],
  templates: [{ name: 'Question', qfmt: '{{Question}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Answer}}' }],
  css: `${CSS}.recall-options {
  display: inline-block;
  text-align: left;
}
`
}

/** A deck's own note type (schema.ts `NoteType`): its templates are Recall text with Anki's tags kept. */
export function ankiNoteTypeOf(
  type: { kind: 'standard' | 'cloze'; fields: readonly string[]; templates: ReadonlyArray<{ name: string; front: string; back: string }> },
  id: number,
  name: string
): AnkiNoteType {
  return {
    id,
    name,
    kind: type.kind,
    fields: [...type.fields],
    templates: type.templates.map((t) => ({ name: t.name, qfmt: markdownToAnkiHtml(t.front), afmt: markdownToAnkiHtml(t.back) })),
    css: type.kind === 'cloze' ? CLOZE_CSS : CSS
  }
}

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n'

/** The note type as `col.models` holds it. */
export function noteTypeJson(type: AnkiNoteType, deckId: number, mtime: number): Record<string, unknown> {
  return {
    id: type.id,
    name: type.name,
    type: type.kind === 'cloze' ? 1 : 0,
    mod: mtime,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: type.templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0
    })),
    flds: type.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: type.css,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    // Which fields a card needs (Anki before 2.1.28 decides the cards from this): those its front names.
    req: type.kind === 'cloze' ? [[0, 'any', [0]]] : type.templates.map((t, ord) => [ord, 'any', fieldsNamedIn(t.qfmt, type.fields)]),
    tags: [],
    vers: []
  }
}

function fieldsNamedIn(template: string, fields: readonly string[]): number[] {
  const named = new Set<number>()
  for (const m of template.matchAll(/\{\{\s*[#^/]?\s*(?:[^{}:]*:)*([^{}:]+?)\s*\}\}/g)) {
    const at = fields.indexOf(m[1]!)
    if (at >= 0) named.add(at)
  }
  return [...named].sort((a, b) => a - b)
}
