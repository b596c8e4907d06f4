import { RecallError } from '@core/errors'
import type { DeckRecord, NoteRecord } from '@core/model'
import { cardsOfNote } from '@core/notes/cards-of-note'
import type { LinkChoice, LinkPreview, SyncReport } from '@core/sync/sync-report'
import { loadingFolder } from '@core/sync/folder-state'
import { applyChanges } from '@core/sync/sync-state'
import { encodeCollection } from '@db/collection-backup'
import type { RecallDatabase } from '@db/database'
import { mergedRow } from '@db/sync/merged-rows'
import { rowOfFields } from '@db/sync/row-fields'
import { syncNow } from '@db/sync/sync-engine'
import { deviceIdOf, emptyExchange, metaTable } from '@db/sync/sync-meta'
import { OUTBOX_TABLE, type LinkRow } from '@db/sync/sync-records'
import { readingSyncFolder } from '@shared/sync/read-sync-folder'
import type { SyncFolderAccess } from '@shared/sync/sync-folder-access'
import { inSlices } from '@shared/slices'

/**
 * What linking this collection to `folder` will do, read before anything changes: the devices
 * already there, what their merged collection holds, and what this one holds.
 */
export async function previewLink(db: RecallDatabase, folder: SyncFolderAccess): Promise<LinkPreview> {
  const device = await deviceIdOf(db)
  const listed = await folder.list()
  if (!listed.ok) throw new RecallError('failed', listed.problem.message)
  // Decoded a file at a time, giving the page turns between (seconds at 100,000 cards).
  const read = await inSlices(readingSyncFolder(listed.value))
  // What a new collection would hold: the folder's snapshots and the segments they do not hold.
  const { state, fresh } = await inSlices(loadingFolder(read, new Set()))
  for (const part of fresh) applyChanges(state, part.changes)
  const decks = new Map<string, DeckRecord>()
  for (const key of state.rows.decks.keys()) {
    const row = mergedRow(state, 'decks', key)
    if (row.kind === 'stands') decks.set(key, rowOfFields('decks', key, row.fields, undefined, 0) as unknown as DeckRecord)
  }
  let cards = 0
  for (const key of state.rows.notes.keys()) {
    const row = mergedRow(state, 'notes', key)
    if (row.kind !== 'stands') continue
    const note = rowOfFields('notes', key, row.fields, undefined, 0) as unknown as NoteRecord
    const deck = decks.get(note.deckId)
    if (!note.removed && deck) cards += cardsOfNote(note.deckId, note.note, deck.noteTypes).length
  }
  let reviews = 0
  for (const id of state.reviews.keys()) if (!state.undone.has(id)) reviews++
  const [hereDecks, hereCards, hereReviews] = await Promise.all([db.decks.count(), db.cards.count(), db.reviews.count()])
  return {
    devices: [...read.devices.keys()].filter((d) => d !== device).length,
    folder: { decks: decks.size, cards, reviews },
    here: { decks: hereDecks, cards: hereCards, reviews: hereReviews }
  }
}

/**
 * Links the collection to `folder`, then syncs. 'merge' writes this collection's whole state to
 * the folder (every row's fields and every review, in segments of bounded size) and applies the
 * folder's. 'take-folder' first saves a backup (`saveBackup`), then replaces this collection's
 * decks, notes, cards, history, exams and mock exams by the folder's (its options and settings
 * are overwritten where the folder has them).
 */
export async function linkCollection(
  db: RecallDatabase,
  folder: SyncFolderAccess,
  choice: LinkChoice,
  options: { now?: number; appVersion?: string; saveBackup?: (text: string) => Promise<void> } = {}
): Promise<SyncReport> {
  const now = options.now ?? Date.now()
  await deviceIdOf(db)
  if (choice === 'take-folder') {
    const listed = await folder.list()
    if (!listed.ok) return { ok: false, at: now, sent: 0, received: 0, devices: [], folderProblem: listed.problem, notices: [] }
    if (options.saveBackup) await options.saveBackup(await encodeCollection(db, options.appVersion ?? 'unknown', now))
  }
  const replaced = [db.decks, db.notes, db.cards, db.reviews, db.exams, db.simulations]
  await db.transaction('rw', [...replaced, metaTable(db), db.table(OUTBOX_TABLE)], async () => {
    if (choice === 'take-folder') for (const table of replaced) await table.clear()
    await db.table(OUTBOX_TABLE).clear()
    await metaTable(db).put(emptyExchange())
    await metaTable(db).put({ key: 'link', linkedAt: now, wholePending: choice === 'merge' } satisfies LinkRow)
  })
  db.syncRecording.linked = true
  return syncNow(db, folder, { now })
}

/** Stops recording and forgets what was applied; the device id stays, and a later link starts again cleanly. */
export async function unlinkCollection(db: RecallDatabase): Promise<void> {
  await db.transaction('rw', [metaTable(db), db.table(OUTBOX_TABLE)], async () => {
    await metaTable(db).bulkDelete(['link', 'exchange', 'report'])
    await db.table(OUTBOX_TABLE).clear()
  })
  db.syncRecording.linked = false
}
