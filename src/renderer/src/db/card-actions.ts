import { RecallError } from '@core/errors'
import { noteKey, Queue, queueForState, SCHEDULING_FIELDS, type CardRecord, type NoteRecord } from '@core/model'
import { cardsOfNote, newCardOf, retiredCards, withNewText } from '@core/notes/cards-of-note'
import { forgetState, type Scheduler } from '@core/scheduling/scheduler'
import type { StudyDay } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'
import { clozeTextProblems } from '@shared/deck/cloze'
import { MAX_FIELD_CHARS } from '@shared/deck/format'
import type { ClozeNote, FieldsNote } from '@shared/deck/schema'
import { Rating } from 'ts-fsrs'

/**
 * What it takes to undo one user action: the cards (and notes) as they were before it, and the
 * review-log rows it added. Undoing puts them back and deletes those rows in one transaction.
 */
export interface UndoEntry {
  label: string
  before: CardRecord[]
  addedLogIds: number[]
  /** The notes an edit changed, as they were. */
  notesBefore?: NoteRecord[]
  /** Cards the action made (a cloze edit that added a number): undo deletes them. */
  addedCardIds?: string[]
  /** The card to show again after undoing, if any. */
  cardId?: string
}

export async function undo(db: RecallDatabase, entry: UndoEntry): Promise<void> {
  await db.transaction('rw', [db.cards, db.reviews, db.notes], async () => {
    await db.cards.bulkPut(entry.notesBefore?.length ? entry.before : await studyUndone(db, entry.before))
    await db.reviews.bulkDelete(entry.addedLogIds)
    if (entry.addedCardIds?.length) await db.cards.bulkDelete(entry.addedCardIds)
    if (entry.notesBefore?.length) await db.notes.bulkPut(entry.notesBefore)
  })
}

/** What an action on a card's study (a grade, Forget, Bury, Suspend, a flag) changes of it. */
const STUDY_FIELDS = [...SCHEDULING_FIELDS, 'queue', 'buriedUntil', 'flag'] as const satisfies ReadonlyArray<keyof CardRecord>

/**
 * The cards as an action on their study left them, put back onto the cards as they are now: their
 * text stays what it is now (a sync may have brought an edit of the note since), and a card gone
 * since (removed or moved by a sync, deleted) is not brought back.
 */
async function studyUndone(db: RecallDatabase, before: CardRecord[]): Promise<CardRecord[]> {
  const current = await db.cards.bulkGet(before.map((card) => card.id))
  return before.flatMap((card, i) => {
    const now = current[i]
    if (!now) return []
    const undone: Record<string, unknown> = { ...now }
    for (const field of STUDY_FIELDS) {
      if (card[field] === undefined) delete undone[field]
      else undone[field] = card[field]
    }
    return [undone as unknown as CardRecord]
  })
}

async function change(db: RecallDatabase, label: string, cards: CardRecord[], edit: (c: CardRecord) => CardRecord): Promise<UndoEntry> {
  const after = cards.map(edit)
  await db.cards.bulkPut(after)
  return { label, before: cards, addedLogIds: [] }
}

/** Hides a card until the next study day starts. */
export function bury(db: RecallDatabase, card: CardRecord, day: StudyDay): Promise<UndoEntry> {
  return change(db, 'Bury', [card], (c) => ({ ...c, queue: Queue.Buried, buriedUntil: day.end }))
}

export function setSuspended(db: RecallDatabase, card: CardRecord, suspended: boolean): Promise<UndoEntry> {
  return change(db, suspended ? 'Suspend' : 'Unsuspend', [card], (c) => {
    const next: CardRecord = { ...c, queue: suspended ? Queue.Suspended : queueForState(c.state) }
    delete next.buriedUntil
    return next
  })
}

/** Sets a flag (1–7), or clears it when the card already has that flag, as Anki's Ctrl+N does. */
export function toggleFlag(db: RecallDatabase, card: CardRecord, flag: number): Promise<UndoEntry> {
  return change(db, 'Flag', [card], (c) => ({ ...c, flag: c.flag === flag ? 0 : flag }))
}

export interface CardText {
  front: string
  back: string
  extra: string
  /** A note of an Anki note type: its fields, in its note type's order (front, back and extra are then unused). */
  fields?: string[]
}

/**
 * Edits the text of a front/back note and both directions of its card; scheduling is untouched.
 * An exam-style question has more than a front and a back: it is edited in its notes file.
 */
export async function editCardText(
  db: RecallDatabase,
  deckId: string,
  cardId: string,
  text: CardText,
  now = Date.now()
): Promise<UndoEntry> {
  return db.transaction('rw', [db.cards, db.notes, db.decks], async () => {
    const record = await db.notes.get(noteKey(deckId, cardId))
    if (record?.note.type === 'cloze') return editClozeNote(db, { ...record, note: record.note }, text, now)
    if (record?.note.type === 'fields') return editFieldsNote(db, { ...record, note: record.note }, text, now)
    if (record && record.note.type !== 'basic')
      throw new RecallError('invalid-input', 'an exam-style question is edited in its notes file, where its options and explanations are')
    const cards = await db.cards.where('[deckId+cardId]').equals([deckId, cardId]).toArray()
    const entry = await change(db, 'Edit', cards, (c) => {
      const next: CardRecord = {
        ...c,
        question: c.reverse ? text.back : text.front,
        answer: c.reverse ? text.front : text.back,
        edited: true
      }
      if (text.extra.trim()) next.extra = text.extra
      else delete next.extra
      return next
    })
    if (record?.note.type === 'basic') {
      const { extra: _, ...note } = record.note
      await db.notes.put({
        ...record,
        note: { ...note, front: text.front, back: text.back, ...(text.extra.trim() ? { extra: text.extra } : {}) },
        edited: true
      })
      entry.notesBefore = [record]
    }
    return entry
  })
}

/**
 * A note of an Anki note type with new fields: its cards are made again from the note type's
 * templates, as for a cloze edit: a card it still makes keeps its progress, a template whose front
 * is now filled adds a card, one whose front is now empty retires its card. Refused, with the
 * reason, when the fields make no card at all.
 */
async function editFieldsNote(
  db: RecallDatabase,
  record: NoteRecord & { note: FieldsNote },
  text: CardText,
  now: number
): Promise<UndoEntry> {
  const fields = text.fields
  if (!fields) throw new RecallError('invalid-input', 'this note has fields of its own: edit it in the browser, one field at a time')
  if (fields.length !== record.note.fields.length)
    throw new RecallError('invalid-input', 'the note has a different number of fields now; open it again')
  if (fields.some((f) => f.length > MAX_FIELD_CHARS))
    throw new RecallError('invalid-input', `a field is longer than ${MAX_FIELD_CHARS} characters`)
  const noteTypes = (await db.decks.get(record.deckId))?.noteTypes ?? []
  const note: FieldsNote = { ...record.note, fields }
  const made = cardsOfNote(record.deckId, note, noteTypes)
  if (made.length === 0) throw new RecallError('invalid-input', 'with these fields the note makes no card: fill in what its cards ask')
  return replaceCards(db, record, note, made, now)
}

/**
 * A cloze note's new text (in `text.front`) and extra: the cards of the numbers it keeps keep
 * their progress, a new number adds a card, a number gone retires its card (its history kept,
 * and back with it if the number returns). Refused, with the reason, when a deletion is broken.
 */
async function editClozeNote(
  db: RecallDatabase,
  record: NoteRecord & { note: ClozeNote },
  text: CardText,
  now: number
): Promise<UndoEntry> {
  // The deck format's rules for a cloze text (schema.ts), without loading the schema at start.
  const body = text.front.trim()
  const extra = text.extra.trim()
  const problem = !body
    ? 'the cloze text is empty'
    : Math.max(body.length, extra.length) > MAX_FIELD_CHARS
      ? `a field is longer than ${MAX_FIELD_CHARS} characters`
      : clozeTextProblems(body)[0]
  if (problem) throw new RecallError('invalid-input', problem)
  const { extra: _, ...rest } = record.note
  const note: ClozeNote = { ...rest, text: body, ...(extra ? { extra } : {}) }
  return replaceCards(db, record, note, cardsOfNote(record.deckId, note), now)
}

/** The note's new version and the cards it now makes: kept cards keep their progress, new ones start new, the others retire. */
async function replaceCards(
  db: RecallDatabase,
  record: NoteRecord,
  note: NoteRecord['note'],
  made: ReturnType<typeof cardsOfNote>,
  now: number
): Promise<UndoEntry> {
  const before = await db.cards.where('[deckId+cardId]').equals([record.deckId, record.noteId]).toArray()
  const old = new Map(before.map((c) => [c.id, c]))
  const ord = before[0]?.ord ?? 0
  const after: CardRecord[] = []
  const added: string[] = []
  for (const text of made) {
    const card = old.get(text.id)
    old.delete(text.id)
    if (!card) added.push(text.id)
    after.push({ ...(card ? withNewText(card, text, card.ord) : newCardOf(record.deckId, text, ord, now)), edited: true })
  }
  await db.cards.bulkPut([...after, ...retiredCards(old.values())])
  await db.notes.put({ ...record, note, edited: true })
  return { label: 'Edit', before, addedLogIds: [], addedCardIds: added, notesBefore: [record] }
}

/**
 * Resets a card to new ("Forget" in Anki), keeping its history: ts-fsrs computes the reset state
 * and a Manual log row records it, so the log still explains the card's state.
 */
export async function forget(db: RecallDatabase, scheduler: Scheduler, card: CardRecord, now: number): Promise<UndoEntry> {
  const { next: reset, log } = forgetState(scheduler, card, now)
  const next: CardRecord = { ...card, ...reset, queue: Queue.New }
  if (reset.last_review === undefined) delete next.last_review
  delete next.buriedUntil
  const logId = await db.transaction('rw', db.cards, db.reviews, async () => {
    await db.cards.put(next)
    return db.reviews.add({
      ...log,
      rating: Rating.Manual,
      manual: 'reset',
      cardKey: card.id,
      deckId: card.deckId,
      duration: 0
    })
  })
  return { label: 'Forget', before: [card], addedLogIds: [logId as number] }
}
