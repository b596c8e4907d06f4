import { clozeCardKey, Queue, queueForState, studyCardKey, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { renderNoteCards } from '@shared/deck/anki-template'
import { clozeAnswer, clozeQuestion, parseCloze } from '@shared/deck/cloze'
import type { Note, NoteType, QuestionNote } from '@shared/deck/schema'

/**
 * The study cards a note makes, as its type decides: a front/back note asks front → back, and
 * back → front too when it is reversed; a cloze note makes a card per deletion number (key
 * `…/c1`, `…/c2`), each hiding its own deletions; an exam-style question is one card; a case study makes
 * none (its questions show its scenario). A note of an Anki note type (`fields`, its type in
 * `noteTypes`) makes the cards its templates make (anki-template.ts): template 0 is `…/noteId`,
 * template n `…/noteId/t<n>`, cloze number n `…/noteId/c<n>`; without its note type it makes none.
 * Each card carries text for the browser and search: a question's stem and, as its answer, the
 * right option(s), the steps in order, or the pairs; a template's rendered question and answer.
 */
export type CardText = Pick<
  CardRecord,
  'id' | 'cardId' | 'reverse' | 'cloze' | 'question' | 'answer' | 'extra' | 'tags' | 'tasks' | 'kind' | 'confusable' | 'noteType'
>

export function cardsOfNote(deckId: string, note: Note, noteTypes: readonly NoteType[] = []): CardText[] {
  const shared = {
    cardId: note.id,
    tags: note.tags,
    ...(note.tasks?.length ? { tasks: note.tasks } : {}),
    ...(note.kind ? { kind: note.kind } : {}),
    ...(note.confusable?.length ? { confusable: note.confusable } : {})
  }
  switch (note.type) {
    case 'case':
      return []
    case 'cloze': {
      const parsed = parseCloze(note.text)
      const extra = note.extra?.trim() ? { extra: note.extra } : {}
      return parsed.numbers.map((n) => ({
        id: clozeCardKey(deckId, note.id, n),
        ...shared,
        reverse: false,
        cloze: n,
        question: clozeQuestion(note.text, n, parsed),
        answer: clozeAnswer(note.text, n, parsed),
        ...extra
      }))
    }
    case 'fields': {
      const type = noteTypes.find((t) => t.id === note.noteType)
      if (!type) return []
      return renderNoteCards(type, note.fields, { tags: note.tags }).map((card) => ({
        id: templateCardKey(deckId, note.id, card),
        ...shared,
        reverse: false,
        ...(card.cloze !== undefined ? { cloze: card.cloze } : {}),
        question: card.question,
        answer: card.answer
      }))
    }
    case 'basic': {
      const extra = note.extra?.trim() ? { extra: note.extra } : {}
      const forward: CardText = {
        id: studyCardKey(deckId, note.id, false),
        ...shared,
        reverse: false,
        question: note.front,
        answer: note.back,
        ...extra
      }
      if (!note.reverse) return [forward]
      return [
        forward,
        { id: studyCardKey(deckId, note.id, true), ...shared, reverse: true, question: note.back, answer: note.front, ...extra }
      ]
    }
    default:
      return [
        {
          id: studyCardKey(deckId, note.id, false),
          ...shared,
          reverse: false,
          question: note.stem,
          answer: answerText(note),
          noteType: note.type
        }
      ]
  }
}

/** The key of a card of an Anki note type: template 0 `deck/note`, template n `deck/note/t<n>`, cloze n `deck/note/c<n>`. */
function templateCardKey(deckId: string, noteId: string, card: { ord: number; cloze?: number }): string {
  if (card.cloze !== undefined) return clozeCardKey(deckId, noteId, card.cloze)
  return card.ord === 0 ? studyCardKey(deckId, noteId, false) : `${deckId}/${noteId}/t${card.ord}`
}

/**
 * A stored card brought up to its note's new text, its progress kept. Fields copied from the note
 * are replaced, so a note that lost one (an extra, a task) loses it here; a card that had left
 * study because its note no longer made it comes back.
 */
export function withNewText(old: CardRecord, text: CardText, ord: number): CardRecord {
  const { tasks: _, noteType: __, extra: ___, kind: ____, confusable: _____, cloze: ______, ...kept } = old
  return { ...kept, ...text, ord, queue: old.queue === Queue.Removed ? queueForState(old.state) : old.queue }
}

/** A card its note makes for the first time: new, at `ord` in its deck. */
export function newCardOf(deckId: string, text: CardText, ord: number, now: number): CardRecord {
  return { ...text, deckId, ord, ...newSchedulingState(now), queue: Queue.New, createdAt: now }
}

/** Cards their note no longer makes: out of study, their progress kept in case they come back. */
export function retiredCards(cards: Iterable<CardRecord>): CardRecord[] {
  return [...cards].filter((c) => c.queue !== Queue.Removed).map((c) => ({ ...c, queue: Queue.Removed }))
}

/** The right answer of a question as text: the right option(s), the steps in order, or the pairs. */
export function answerText(note: QuestionNote): string {
  switch (note.type) {
    case 'single':
      return note.options.find((o) => o.correct)?.text ?? ''
    case 'multiple':
      return note.options
        .filter((o) => o.correct)
        .map((o) => `- ${o.text}`)
        .join('\n')
    case 'ordering':
      return note.steps.map((step, i) => `${i + 1}. ${step}`).join('\n')
    case 'matching':
      return note.pairs.map((p) => `- ${p.prompt} → ${p.response}`).join('\n')
  }
}
