import { renderNoteCards } from '@shared/deck/anki-template'
import { clozeTextProblems } from '@shared/deck/cloze'
import { DECK_FORMAT, DECK_VERSION, ID_PATTERN, isQuestionNote, MAX_FIELD_CHARS, TASK_PATTERN } from '@shared/deck/format'
import { plural } from '@shared/plural'
import { z } from 'zod'

/**
 * Recall's native deck format, version 2: a deck is a list of notes.
 *
 * A note is one thing to know. Its `type` decides the study cards it makes, each scheduled on its
 * own: a basic note asks front → back (and back → front with `reverse`); a cloze note asks one
 * card per deletion number (`{{c1::…}}`, as in Anki); a `fields` note of one of the deck's note
 * types (`noteTypes`, brought from Anki) makes the cards its templates make; an exam-style question
 * (single answer, multiple response, ordering, matching) is one card; a case study is the shared
 * scenario of the questions that name it, and makes no card itself.
 *
 * Every note has a stable `id` (unique in its deck), so a later version of the deck keeps the
 * progress of each note whose id is unchanged, even when its text was edited. A note may name the
 * exam task statements it serves (`tasks`, e.g. "AIF-C01 1.1") and the pages its facts were
 * checked against (`sources`). Version 1 decks (`cards`, each a basic note) are read as version 2.
 */
export { DECK_FORMAT, DECK_VERSION, ID_PATTERN, isQuestionNote, MAX_FIELD_CHARS, TASK_PATTERN }
const idMessage = 'must be 1–64 characters: lowercase letters, digits, ".", "_" or "-"'

const text = (what: string, max = MAX_FIELD_CHARS) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} is empty` })
    .max(max, { error: `${what} is longer than ${max} characters` })

const noteId = z.string({ error: 'id must be text' }).regex(ID_PATTERN, { error: `id ${idMessage}` })
const tags = z.array(z.string().regex(/^\S{1,64}$/, { error: 'a tag is 1–64 characters without spaces' })).default([])

const sourceSchema = z.strictObject({
  title: text('source title', 300),
  url: z.url({ protocol: /^https$/, error: 'a source URL must be an https address' }).max(2000),
  /** The month the page was checked against, `YYYY-MM`. */
  checked: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'checked must be a month, YYYY-MM' })
    .optional()
})

/** What every note may carry besides its id, type and fields. */
const noteMeta = {
  tags,
  tasks: z.array(z.string().regex(TASK_PATTERN, { error: 'a task statement is an exam code and a number, like "AIF-C01 1.1"' })).optional(),
  sources: z.array(sourceSchema).max(20).optional(),
  /** What the note's term is (service, concept, metric…), so multiple-choice options compare like with like. */
  kind: z
    .string()
    .regex(/^[a-z][a-z-]{0,31}$/, { error: 'kind is one lowercase word' })
    .optional(),
  /** Ids of notes of the same deck that people mix up with this one. */
  confusable: z.array(noteId).max(20).optional()
}

export const basicNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('basic'),
  front: text('front'),
  back: text('back'),
  extra: z.string().max(MAX_FIELD_CHARS).optional(),
  /** Also ask back → front, as a card of its own. */
  reverse: z.boolean().optional(),
  ...noteMeta
})

/**
 * A text with Anki cloze deletions (`{{c1::answer}}`, `{{c1::answer::hint}}`): one study card per
 * number, each hiding its own deletions (see cloze.ts).
 */
export const clozeNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('cloze'),
  text: text('the cloze text').superRefine((value, ctx) => {
    for (const message of clozeTextProblems(value)) ctx.addIssue({ code: 'custom', message })
  }),
  extra: z.string().max(MAX_FIELD_CHARS).optional(),
  ...noteMeta
})

const option = z.strictObject({
  text: text('an option'),
  correct: z.boolean(),
  /** Why this option is right or wrong. */
  why: text('an option’s explanation')
})

/**
 * A note type brought from Anki (or CrowdAnki): named fields and the card templates that decide
 * what each card asks and answers (anki-template.ts). `standard` makes a card per template whose
 * question is not empty; `cloze` makes a card per cloze number. Templates are Recall text with
 * Anki's `{{…}}` tags kept.
 */
const noteTypeSchema = z
  .strictObject({
    id: noteId,
    name: text('the note type name', 200),
    kind: z.enum(['standard', 'cloze'], { error: 'a note type kind is standard or cloze' }),
    fields: z
      .array(text('a field name', 200))
      .min(1, { error: 'a note type has at least 1 field' })
      .max(200, { error: 'a note type has at most 200 fields' }),
    templates: z
      .array(
        z.strictObject({
          name: text('a template name', 200),
          front: z.string().max(MAX_FIELD_CHARS),
          back: z.string().max(MAX_FIELD_CHARS)
        })
      )
      .min(1, { error: 'a note type has at least 1 card template' })
      .max(100, { error: 'a note type has at most 100 card templates' })
  })
  .superRefine((type, ctx) => {
    if (new Set(type.fields).size !== type.fields.length)
      ctx.addIssue({ code: 'custom', path: ['fields'], message: `two fields of the note type "${type.name}" have the same name` })
  })

/** A note of a note type of the deck (`deck.noteTypes`): its fields in the type's order. */
export const fieldsNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('fields'),
  noteType: noteId,
  fields: z.array(z.string().max(MAX_FIELD_CHARS, { error: `a field is longer than ${MAX_FIELD_CHARS} characters` })).max(200),
  ...noteMeta
})

/** One answer of four. */
const singleNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('single'),
  stem: text('the question'),
  options: z.array(option).length(4, { error: 'a single-answer question has exactly 4 options' }),
  /** The case study whose scenario is shown above this question. */
  case: noteId.optional(),
  ...noteMeta
})

/** N of five or more. */
const multipleNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('multiple'),
  stem: text('the question'),
  options: z.array(option).min(5, { error: 'a multiple-response question has at least 5 options' }).max(8),
  case: noteId.optional(),
  ...noteMeta
})

/** Steps to put in order, written in the right order. */
const orderingNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('ordering'),
  stem: text('the question'),
  steps: z
    .array(text('a step', 1000))
    .min(3, { error: 'an ordering question has 3 to 5 steps' })
    .max(5, { error: 'an ordering question has 3 to 5 steps' }),
  explanation: text('the explanation'),
  case: noteId.optional(),
  ...noteMeta
})

/** Prompts each matched to one response. */
const matchingNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('matching'),
  stem: text('the question'),
  pairs: z
    .array(z.strictObject({ prompt: text('a prompt', 1000), response: text('a response', 1000) }))
    .min(3, { error: 'a matching question has 3 to 7 pairs' })
    .max(7, { error: 'a matching question has 3 to 7 pairs' }),
  explanation: text('the explanation'),
  case: noteId.optional(),
  ...noteMeta
})

/** The scenario of a case study; each of its questions is a note that names it. */
const caseNoteSchema = z.strictObject({
  id: noteId,
  type: z.literal('case'),
  scenario: text('the scenario'),
  ...noteMeta
})

const noteSchema = z.discriminatedUnion(
  'type',
  [
    basicNoteSchema,
    clozeNoteSchema,
    fieldsNoteSchema,
    singleNoteSchema,
    multipleNoteSchema,
    orderingNoteSchema,
    matchingNoteSchema,
    caseNoteSchema
  ],
  { error: 'type must be basic, cloze, fields, single, multiple, ordering, matching or case' }
)

export const deckSchema = z
  .strictObject({
    format: z.literal(DECK_FORMAT, { error: `format must be "${DECK_FORMAT}"` }),
    version: z.literal(DECK_VERSION, { error: `version must be ${DECK_VERSION}` }),
    id: z.string().regex(ID_PATTERN, { error: `deck id ${idMessage}` }),
    name: text('name'),
    description: z.string().max(2000).optional(),
    source: z.string().max(500).optional(),
    /** The note types of the deck's `fields` notes (from Anki); absent when it has none. */
    noteTypes: z.array(noteTypeSchema).max(1000).optional(),
    notes: z.array(noteSchema).max(200_000)
  })
  .superRefine((deck, ctx) => {
    const types = new Map<string, NoteType>()
    deck.noteTypes?.forEach((type, index) => {
      if (types.has(type.id))
        ctx.addIssue({ code: 'custom', path: ['noteTypes', index, 'id'], message: `duplicate note type id "${type.id}"` })
      else types.set(type.id, type)
    })
    deck.notes.forEach((note, index) => {
      if (note.type !== 'fields') return
      const type = types.get(note.noteType)
      for (const message of fieldsNoteIssues(note, type))
        ctx.addIssue({ code: 'custom', path: ['notes', index, message.field], message: message.message })
    })
    const seen = new Map<string, number>()
    deck.notes.forEach((note, index) => {
      const first = seen.get(note.id)
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['notes', index, 'id'], message: `duplicate id "${note.id}" (also note ${first + 1})` })
      else seen.set(note.id, index)
    })
    const byId = new Map(deck.notes.map((n) => [n.id, n]))
    deck.notes.forEach((note, index) => {
      for (const issue of noteIssues(note, byId))
        ctx.addIssue({ code: 'custom', path: ['notes', index, issue.field], message: issue.message })
    })
  })

export type Source = z.infer<typeof sourceSchema>
export type NoteType = z.infer<typeof noteTypeSchema>
export type FieldsNote = z.infer<typeof fieldsNoteSchema>
export type BasicNote = z.infer<typeof basicNoteSchema>
export type ClozeNote = z.infer<typeof clozeNoteSchema>
export type SingleNote = z.infer<typeof singleNoteSchema>
export type MultipleNote = z.infer<typeof multipleNoteSchema>
type OrderingNote = z.infer<typeof orderingNoteSchema>
type MatchingNote = z.infer<typeof matchingNoteSchema>
export type QuestionNote = SingleNote | MultipleNote | OrderingNote | MatchingNote
export type CaseNote = z.infer<typeof caseNoteSchema>
export type Note = z.infer<typeof noteSchema>
export type Deck = z.infer<typeof deckSchema>
/** What importers produce before validation: a deck without format and version fields. */
export type DeckDraft = Omit<Deck, 'format' | 'version'>

/** A fields note against its note type: the type exists, the fields match it, and it makes a card. */
export function fieldsNoteIssues(note: FieldsNote, type: NoteType | undefined): Array<{ field: string; message: string }> {
  if (!type) return [{ field: 'noteType', message: `no note type with id "${note.noteType}" in this deck` }]
  if (note.fields.length !== type.fields.length) {
    const count = (n: number) => plural(n, 'field')
    return [
      {
        field: 'fields',
        message: `the note has ${count(note.fields.length)}, but its note type "${type.name}" has ${count(type.fields.length)}`
      }
    ]
  }
  if (renderNoteCards(type, note.fields).length > 0) return []
  return [
    {
      field: 'fields',
      message:
        type.kind === 'cloze'
          ? `the note has no cloze deletion in the fields its note type "${type.name}" asks about`
          : `the note makes no card: the front of every card of its note type "${type.name}" is empty`
    }
  ]
}

/** Rules that span a note's fields or other notes: right answers, distinct texts, case links. */
function noteIssues(note: Note, byId: ReadonlyMap<string, Note>): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = []
  const distinct = (values: string[], what: string, field: string) => {
    const folded = values.map((v) => v.trim().toLowerCase())
    if (new Set(folded).size !== folded.length) issues.push({ field, message: `two ${what} are the same` })
  }
  if (note.type === 'single' || note.type === 'multiple') {
    const right = note.options.filter((o) => o.correct).length
    if (note.type === 'single' && right !== 1)
      issues.push({ field: 'options', message: `a single-answer question has exactly 1 right option (this one has ${right})` })
    if (note.type === 'multiple' && (right < 2 || right >= note.options.length))
      issues.push({
        field: 'options',
        message: `a multiple-response question has at least 2 right options and at least 1 wrong one (this one has ${right} of ${note.options.length})`
      })
    distinct(
      note.options.map((o) => o.text),
      'options',
      'options'
    )
  }
  if (note.type === 'ordering') distinct(note.steps, 'steps', 'steps')
  if (note.type === 'matching') {
    distinct(
      note.pairs.map((p) => p.prompt),
      'prompts',
      'pairs'
    )
    distinct(
      note.pairs.map((p) => p.response),
      'responses',
      'pairs'
    )
  }
  if ('case' in note && note.case !== undefined && byId.get(note.case)?.type !== 'case')
    issues.push({ field: 'case', message: `no case study with id "${note.case}" in this deck` })
  for (const id of note.confusable ?? [])
    if (!byId.has(id)) issues.push({ field: 'confusable', message: `no note with id "${id}" in this deck` })
  return issues
}

/** How many options a multiple-response question asks for. */
export function choose(note: MultipleNote): number {
  return note.options.filter((o) => o.correct).length
}

/** One note checked on its own (a question read back from Recall's Anki export), or undefined. */
export function parseNote(value: unknown): Note | undefined {
  const parsed = noteSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}
