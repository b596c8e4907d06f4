import { noteKey, type CardRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { isQuestionNote } from '@shared/deck/format'
import type { QuestionNote } from '@shared/deck/schema'

export interface StoredQuestion {
  note: QuestionNote
  /** The scenario of the case study the question belongs to. */
  scenario?: string
}

/** The text and extra of the cloze note behind a cloze card, as written (with its deletions); undefined for other cards. */
export async function clozeOfCard(
  db: RecallDatabase,
  card: Pick<CardRecord, 'deckId' | 'cardId'>
): Promise<{ text: string; extra: string } | undefined> {
  const record = await db.notes.get(noteKey(card.deckId, card.cardId))
  return record?.note.type === 'cloze' ? { text: record.note.text, extra: record.note.extra ?? '' } : undefined
}

/** The fields of the Anki-type note behind a card, with their names, for editing them; undefined for other cards. */
export async function fieldsOfCard(
  db: RecallDatabase,
  card: Pick<CardRecord, 'deckId' | 'cardId'>
): Promise<{ noteType: string; names: string[]; values: string[] } | undefined> {
  const record = await db.notes.get(noteKey(card.deckId, card.cardId))
  if (record?.note.type !== 'fields') return undefined
  const noteTypeId = record.note.noteType
  const type = (await db.decks.get(card.deckId))?.noteTypes?.find((t) => t.id === noteTypeId)
  if (!type) return undefined
  return { noteType: type.name, names: [...type.fields], values: [...record.note.fields] }
}

/** The exam-style question behind a question card, with its case study's scenario; undefined for a front/back card. */
export async function questionOfCard(
  db: RecallDatabase,
  card: Pick<CardRecord, 'deckId' | 'cardId' | 'noteType'>
): Promise<StoredQuestion | undefined> {
  if (!card.noteType) return undefined
  const record = await db.notes.get(noteKey(card.deckId, card.cardId))
  if (!record || !isQuestionNote(record.note)) return undefined
  const note = record.note
  if (!note.case) return { note }
  const scenario = await db.notes.get(noteKey(card.deckId, note.case))
  return scenario?.note.type === 'case' ? { note, scenario: scenario.note.scenario } : { note }
}

/** The questions behind many cards at once (a mock exam), by card key; front/back cards are left out. */
export async function questionsOfCards(
  db: RecallDatabase,
  cards: ReadonlyArray<Pick<CardRecord, 'id' | 'deckId' | 'cardId' | 'noteType'>>
): Promise<Map<string, StoredQuestion>> {
  const asked = cards.filter((c) => c.noteType)
  const records = await db.notes.bulkGet(asked.map((c) => noteKey(c.deckId, c.cardId)))
  const caseKeys = new Set<string>()
  for (const [i, r] of records.entries())
    if (r && isQuestionNote(r.note) && r.note.case) caseKeys.add(noteKey(asked[i]!.deckId, r.note.case))
  const cases = new Map(
    (await db.notes.bulkGet([...caseKeys])).flatMap((r) => (r?.note.type === 'case' ? [[r.id, r.note.scenario] as const] : []))
  )
  const out = new Map<string, StoredQuestion>()
  records.forEach((record, i) => {
    if (!record || !isQuestionNote(record.note)) return
    const card = asked[i]!
    const scenario = record.note.case ? cases.get(noteKey(card.deckId, record.note.case)) : undefined
    out.set(card.id, { note: record.note, ...(scenario ? { scenario } : {}) })
  })
  return out
}
