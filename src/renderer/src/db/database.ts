import type {
  CardColumnsRecord,
  CardRecord,
  DeckRecord,
  ExamPlan,
  MediaRecord,
  MockExamResult,
  NoteRecord,
  Preset,
  ReviewDayRecord,
  ReviewRecord,
  ReviewSlotsRecord,
  SettingRecord
} from '@core/model'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { keepDerivedTables, type DerivedRecord } from '@db/derived-tables'
import { countedRollup } from '@db/review-rollup'
import { keepJournal } from '@db/journal/journal-middleware'
import type { JournalMark, JournalWriter } from '@db/journal/journal-writer'
import { upgradeStoredRows, versionsMigratingRows } from '@db/schema-history'
import { keepSyncOutbox, type SyncRecording } from '@db/sync/sync-recorder'
import { META_TABLE, type LinkRow } from '@db/sync/sync-records'
import Dexie, { type EntityTable } from 'dexie'

const DATABASE_NAME = 'recall'

/** The journal outside IndexedDB (db/journal): its writer, and the start-up check run before any other read or write (journal-start.ts). */
export interface JournalOptions {
  writer: JournalWriter
  onReady: (vip: RecallDatabase) => Promise<void>
}

/**
 * The collection. Compound indexes serve the hot queries without scanning: today's learning and
 * review cards by [deckId+queue+due], new cards in deck order by [deckId+queue+ord], and today's
 * reviews of a deck by [deckId+review].
 */
export class RecallDatabase extends Dexie {
  decks!: EntityTable<DeckRecord, 'id'>
  cards!: EntityTable<CardRecord, 'id'>
  reviews!: EntityTable<ReviewRecord, 'id'>
  presets!: EntityTable<Preset, 'id'>
  settings!: EntityTable<SettingRecord, 'key'>
  exams!: EntityTable<ExamPlan, 'id'>
  simulations!: EntityTable<MockExamResult, 'id'>
  notes!: EntityTable<NoteRecord, 'id'>
  media!: EntityTable<MediaRecord, 'name'>
  // Derived tables (caches for the statistics screen; see derived-tables.ts).
  reviewDays!: Dexie.Table<ReviewDayRecord, [string, number]>
  reviewSlots!: Dexie.Table<ReviewSlotsRecord, [string, number]>
  cardColumns!: EntityTable<CardColumnsRecord, 'deckId'>
  derived!: Dexie.Table<DerivedRecord, string>
  /** Where the journal stands: its epoch and the last of its transactions this collection holds. */
  journalMark!: Dexie.Table<JournalMark, string>
  /** This page's journal writer, when the platform has somewhere to keep one. */
  readonly journal: JournalWriter | undefined
  /** Whether local changes are recorded for sync (db/sync): read from `syncMeta` at start, kept by link and unlink. */
  readonly syncRecording: SyncRecording

  constructor(name = DATABASE_NAME, journal?: JournalOptions) {
    // Review writes must reach the disk before the next card is shown.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({
      decks: 'id',
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId]',
      reviews: '++id, cardKey, [deckId+review], review'
    })
    // v2: study-options presets shared by decks (each deck gains one), and collection settings (next day starts at).
    this.version(2).stores({ presets: 'id', settings: 'key' })
    // v3: exam dates (forecast and exam mode) and the history of exam simulations.
    this.version(3).stores({ exams: 'id', simulations: 'id, finishedAt' })
    // v4: caches for the statistics screen, and the cards' change stamp (`mod`) that keeps them current.
    this.version(4).stores({
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId], [deckId+mod]',
      reviewDays: '[deckId+day]',
      cardColumns: 'deckId',
      derived: 'name'
    })
    // v5: notes, from which cards are made (a front/back note, an exam-style question, a case study).
    this.version(5).stores({ notes: 'id, deckId' })
    // v6: images and sounds, by name, each content stored once (hash).
    this.version(6).stores({ media: 'name, hash' })
    // v7: the journal's mark (db/journal): which of the journal's transactions the collection holds.
    this.version(7).stores({ journalMark: 'key' })
    // v8: the review rollup by UTC quarter hour, from which the day rows are summed (review-rollup.ts).
    this.version(8).stores({ reviewSlots: '[deckId+day]' })
    // v9: sync (db/sync): the local changes waiting to be sent, and where the exchange stands (device id, clock, segments).
    this.version(9).stores({ syncOutbox: '++id', syncMeta: 'key' })
    // v10: cards by creation, then deck and place (the key breaks ties): Browse's default order,
    // whose first screenful is read through it while the browser's worker orders every card.
    this.version(10).stores({
      cards: 'id, deckId, [deckId+queue+due], [deckId+queue+ord], [deckId+cardId], [deckId+mod], [createdAt+deckId+ord]'
    })
    // Changes to existing rows live in schema-history.ts, which restoring an older backup applies too.
    for (const version of versionsMigratingRows()) this.version(version).upgrade((tx) => upgradeStoredRows(tx, version))
    // A new collection's review rollup is complete: it has no logs to count.
    this.on('populate', (tx) => tx.table('derived').add(countedRollup(DEFAULT_DAY_STARTS_AT_HOUR)))
    this.use(keepDerivedTables)
    this.syncRecording = { linked: false }
    this.use(keepSyncOutbox(this.syncRecording))
    // Read once at start: not linked, the recorder adds nothing to any write.
    const recording = this.syncRecording
    this.on('ready', (vip) =>
      vip
        .table(META_TABLE)
        .get('link')
        .then((link: LinkRow | undefined) => void (recording.linked = link !== undefined))
    )
    this.journal = journal?.writer
    if (journal) {
      this.use(keepJournal(journal.writer))
      // Before any other read or write: Dexie holds them back until this resolves.
      this.on('ready', (vip) => journal.onReady(vip as RecallDatabase))
    }
  }
}
