import { clozePlain } from '@shared/deck/cloze'
import { Queue, type DeckRecord, type NoteRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { mergeDeck, type MergeSummary } from '@db/deck-repository'
import { DECK_FORMAT, DECK_VERSION } from '@shared/deck/format'
import type { Deck, Note } from '@shared/deck/schema'
import { hashMedia, storeMedia } from '@db/media-repository'
import { importPackageHistory } from '@db/import-history'
import { schedulerForDeck } from '@db/options-repository'
import type { HistorySummary } from '@core/scheduling/anki-history'
import type { PackageHistory } from '@shared/deck/apkg-history'
import type { DeckOrigin } from '@shared/ipc'
import { mapNoteTexts } from '@shared/media/deck-media'
import type { CheckedMedia } from '@shared/media/media-file'
import { renameMediaRefs } from '@shared/media/media-refs'

/** What importing a deck would change, shown before the person confirms. */
export interface ImportPlan {
  /** The id the deck gets in the collection (a built-in deck's id is never taken over). */
  deckId: string
  /**
   * The name the deck gets, which the preview lets the person change: an existing deck keeps its
   * name (perhaps given in an earlier preview), a new one takes the file's, made unique.
   */
  name: string
  existing: boolean
  added: number
  updated: number
  unchanged: number
  /** Notes of the deck in the collection that the file no longer has. */
  removed: Array<{ cardId: string; front: string }>
  /**
   * The file is a built-in deck (an export of it, perhaps edited): its notes update the built-in
   * deck in place as edits made in the app would, and the built-in notes the file lacks stay.
   */
  builtIn?: boolean
  /** The built-in deck this file would have added notes to: it comes in as the person's own deck beside it. */
  besideBuiltIn?: string
}

/**
 * What importing a deck would do. A file is matched to the deck of the collection with its id, so
 * an export imported again updates that deck in place and keeps every card's progress. A built-in
 * deck follows the app's own file, so a file with its id may only change notes it has; one that
 * adds notes comes in as a copy beside it (`<id>-imported`).
 */
export async function planImport(db: RecallDatabase, deck: Deck): Promise<ImportPlan> {
  const decks = await db.decks.toArray()
  const nameFor = (deckId: string, base: string) => decks.find((d) => d.id === deckId)?.name ?? freeName(base, decks)
  const taken = decks.find((d) => d.id === deck.id)
  if (taken?.origin === 'builtin') {
    const current = await currentNotes(db, deck.id)
    const known = new Set(current.map((n) => n.noteId))
    if (deck.notes.every((n) => known.has(n.id)))
      return { ...compare(current, deck), deckId: deck.id, name: taken.name, existing: true, removed: [], builtIn: true }
    const copyId = `${deck.id}-imported`
    const copy = await currentNotes(db, copyId)
    const name = nameFor(copyId, deck.name === taken.name ? `${deck.name} (my copy)` : deck.name)
    return { ...compare(copy, deck), deckId: copyId, name, existing: copy.length > 0, besideBuiltIn: taken.name }
  }
  const current = await currentNotes(db, deck.id)
  return { ...compare(current, deck), deckId: deck.id, name: nameFor(deck.id, deck.name), existing: current.length > 0 }
}

/** `base`, or "base (2)", "base (3)"… when another deck has that name already. */
function freeName(base: string, decks: readonly DeckRecord[]): string {
  const names = new Set(decks.map((d) => d.name.toLowerCase()))
  let name = base
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base} (${n})`
  return name
}

function compare(
  current: NoteRecord[],
  deck: Deck
): Pick<ImportPlan, 'added' | 'updated' | 'unchanged' | 'removed'> & { changed: string[] } {
  const byId = new Map(current.map((n) => [n.noteId, n]))
  let added = 0
  const changed: string[] = []
  for (const note of deck.notes) {
    const old = byId.get(note.id)
    if (!old) added++
    else if (JSON.stringify(textOf(old.note)) !== JSON.stringify(textOf(note))) changed.push(note.id)
    byId.delete(note.id)
  }
  const removed = [...byId.values()].map((n) => ({ cardId: n.noteId, front: labelOf(n.note) }))
  const updated = changed.length
  return { added, updated, unchanged: deck.notes.length - added - updated, removed, changed }
}

/**
 * Brings an imported deck into the collection in one transaction (mergeDeck): progress is kept
 * by note id. Notes the new file lacks are kept in study when `keepRemoved`, else set aside with
 * their progress (a later import that brings them back restores it).
 */
export async function applyImport(
  db: RecallDatabase,
  deck: Deck,
  plan: ImportPlan,
  options: {
    file: string
    keepRemoved: boolean
    now: number
    origin?: DeckOrigin
    media?: readonly CheckedMedia[]
    /** An Anki package's review history, when the person chose to bring it (db/import-history.ts). */
    history?: PackageHistory
  }
): Promise<MergeSummary & { history?: HistorySummary }> {
  const media = await hashMedia(options.media ?? [])
  const { history } = options
  const scheduler = history && (await schedulerForDeck(db, plan.deckId))
  // One transaction: the media and the notes naming them come in together, or not at all.
  return db.transaction('rw', [db.decks, db.cards, db.notes, db.media, db.reviews], async () => {
    const renamed = await storeMedia(db, media, options.now)
    let notes = renamed.size > 0 ? deck.notes.map((note) => mapNoteTexts(note, (text) => renameMediaRefs(text, renamed))) : deck.notes
    if (plan.builtIn) return mergeIntoBuiltIn(db, { ...deck, notes }, options.now)
    if (options.keepRemoved && plan.removed.length > 0) {
      const kept = new Set(plan.removed.map((r) => r.cardId))
      notes = [...notes, ...(await currentNotes(db, plan.deckId)).filter((n) => kept.has(n.noteId)).map((n) => n.note)]
    }
    const merged = await mergeDeck(
      db,
      { deck: { ...deck, id: plan.deckId, name: plan.name, notes }, origin: options.origin ?? 'user', file: options.file },
      options.now
    )
    if (!history || !scheduler) return merged
    return { ...merged, history: await importPackageHistory(db, plan.deckId, history, scheduler, options.now) }
  })
}

/**
 * A built-in deck's notes changed by a file, kept as edits made in the app are: they keep their
 * text when the app's next version of the deck arrives. The deck stays the app's (its origin and
 * file), its other notes as they are.
 */
async function mergeIntoBuiltIn(db: RecallDatabase, deck: Deck, now: number): Promise<MergeSummary> {
  const record = (await db.decks.get(deck.id))!
  const current = await currentNotes(db, deck.id)
  const { changed } = compare(current, deck)
  const fromFile = new Map(deck.notes.map((n) => [n.id, n]))
  const edited = current
    .filter((n) => changed.includes(n.noteId))
    .map((n) => ({ ...n, note: fromFile.get(n.noteId)!, edited: true as const }))
  await db.notes.bulkPut(edited)
  const notes = current.map((n) => fromFile.get(n.noteId) ?? n.note)
  const entry = { deck: { ...deck, name: record.name, notes }, origin: record.origin, file: record.file }
  return mergeDeck(db, entry, now)
}

/** The notes of a deck that are still in it (not set aside), in deck order of their first card. */
async function currentNotes(db: RecallDatabase, deckId: string): Promise<NoteRecord[]> {
  const notes = (await db.notes.where('deckId').equals(deckId).toArray()).filter((n) => !n.removed)
  const ords = new Map<string, number>()
  await db.cards
    .where('deckId')
    .equals(deckId)
    .each((c) => {
      if (!c.reverse) ords.set(c.cardId, c.ord)
    })
  // A case study has no card: it goes just before the first of its questions.
  for (const n of notes) {
    const of = 'case' in n.note ? n.note.case : undefined
    if (of !== undefined) ords.set(of, Math.min(ords.get(of) ?? Infinity, (ords.get(n.noteId) ?? Infinity) - 0.5))
  }
  return notes.sort((a, b) => (ords.get(a.noteId) ?? Infinity) - (ords.get(b.noteId) ?? Infinity) || a.noteId.localeCompare(b.noteId))
}

/** What a person sees of a note: a change elsewhere (tags, sources) does not count as an update. */
function textOf(note: Note): unknown {
  const { tags: _, tasks: __, sources: ___, kind: ____, confusable: _____, ...text } = note
  return text
}

function labelOf(note: Note): string {
  if (note.type === 'basic') return note.front
  if (note.type === 'case') return note.scenario
  if (note.type === 'cloze') return clozePlain(note.text)
  if (note.type === 'fields') return note.fields.find((f) => f.trim()) ?? note.id
  return note.stem
}

/** The deck as a native deck file, rebuilt from the collection (text as edited in the app). */
export async function exportDeck(db: RecallDatabase, deckId: string): Promise<Deck | undefined> {
  const record = await db.decks.get(deckId)
  if (!record) return undefined
  const notes = await currentNotes(db, deckId)
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id: record.id,
    name: record.name,
    ...(record.description ? { description: record.description } : {}),
    ...(record.noteTypes?.length ? { noteTypes: record.noteTypes } : {}),
    notes: notes.map((n) => n.note)
  }
}

export async function renameDeck(db: RecallDatabase, deckId: string, name: string): Promise<void> {
  await db.decks.update(deckId, { name })
}

/**
 * Deletes a deck from the list. Its notes and cards are set aside with their progress and history
 * (not erased), so importing the same deck again soon brings everything back; Check collection
 * clears set-aside cards later.
 */
export async function deleteDeck(db: RecallDatabase, deckId: string): Promise<number> {
  return db.transaction('rw', [db.decks, db.cards, db.notes], async () => {
    const count = await db.cards.where('deckId').equals(deckId).modify({ queue: Queue.Removed })
    await db.notes.where('deckId').equals(deckId).modify({ removed: true })
    await db.decks.delete(deckId)
    return count
  })
}
