import { DEFAULT_PRESET_ID, DEFAULT_STUDY_OPTIONS, noteKeyOfCardKey, type StudyOptions } from '@core/model'
import { createScheduler, type Scheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { replayCard, type ReplayedCard } from '@core/sync/card-replay'
import { cardKeyOf, deckOfKey, reviewIdsOfCard, type MediaContent, type RowState, type SyncState } from '@core/sync/sync-state'
import type { Fields, ReviewChange, SyncTable } from '@shared/sync/changes'

/** The collection the merged changes describe: the same on every device that has read the same changes. */
export interface MergedCollection {
  /** Each table's rows that stand, each field at its latest write. */
  rows: Record<SyncTable, Map<string, Fields>>
  /** Rows removed by a tombstone that no later write overrules (the collection side sets them aside). */
  removed: Record<SyncTable, Set<string>>
  /** Every card with reviews: its replayed state and history (kept for removed cards too: the history is the person's). */
  cards: Map<string, ReplayedCard>
  contents: Map<string, MediaContent>
}

/** A card's scheduler, from its deck's id. */
export type SchedulerOf = (deckId: string) => Scheduler

export function mergedCollection(state: SyncState, schedulerOf: SchedulerOf = studySchedulers(state)): MergedCollection {
  const rows = {} as MergedCollection['rows']
  const removed = {} as MergedCollection['removed']
  for (const table of Object.keys(state.rows) as SyncTable[]) {
    rows[table] = new Map()
    removed[table] = new Set()
    for (const [key, row] of state.rows[table]) {
      if (!rowStands(state, table, key, row)) removed[table].add(key)
      else if (row.fields.size > 0) rows[table].set(key, fieldsOf(row))
    }
  }
  const cards = new Map<string, ReplayedCard>()
  const replayedKeys = new Set<string>()
  // A key's reviews count for the card there now, or for one that left it before another arrived.
  for (const key of state.reviewsOfCard.keys())
    for (const card of [cardKeyOf(state, key), cardKeyOf(state, key, '')]) {
      if (replayedKeys.has(card)) continue
      replayedKeys.add(card)
      const replayed = replayCard(schedulerOf(deckOfKey(card)), reviewsOfCard(state, card))
      if (replayed) cards.set(card, replayed)
    }
  const contents = new Map<string, MediaContent>()
  for (const [hash, { type, size }] of state.contents) contents.set(hash, { type, size })
  return { rows, removed, cards, contents }
}

/**
 * The replays of `cards` (card keys), one card per step (`inSlices`), so that a sync that touched
 * tens of thousands of cards gives the page turns instead of holding it for seconds. Undefined for
 * a card without reviews that count.
 */
export function* replayingCards(
  state: SyncState,
  cards: Iterable<string>,
  schedulerOf: SchedulerOf
): Generator<undefined, Map<string, ReplayedCard | undefined>> {
  const replays = new Map<string, ReplayedCard | undefined>()
  for (const card of cards) {
    if (replays.has(card)) continue
    replays.set(card, replayCard(schedulerOf(deckOfKey(card)), reviewsOfCard(state, card)))
    yield
  }
  return replays
}

/** A card's reviews that count: every one that arrived, under its key or a key it was moved from, without those taken back. */
export function reviewsOfCard(state: SyncState, card: string): ReviewChange[] {
  const reviews: ReviewChange[] = []
  for (const id of reviewIdsOfCard(state, card)) if (!state.undone.has(id)) reviews.push(state.reviews.get(id)!)
  return reviews
}

/**
 * Whether a row stands. A tombstone removes the row with every write before it. A write after it
 * (made on a device that had not seen the removal) brings the row back whole: the person still
 * wanted it, and nothing they wrote is lost; removing it again is one click. A deck's tombstone
 * covers its notes and cards, and a later write to one of them brings the deck back too. A card is
 * removed with its note (Delete cards removes both), so a later write to its note brings it back too.
 */
export function rowStands(state: SyncState, table: SyncTable, key: string, row: RowState): boolean {
  if (table === 'decks') return row.removed === '' || (row.written > row.childWritten ? row.written : row.childWritten) > row.removed
  if (row.removed !== '' && row.written <= row.removed && !(table === 'cards' && noteWrittenAfter(state, key, row.removed))) return false
  if (table !== 'notes' && table !== 'cards') return true
  const deck = state.rows.decks.get(deckOfKey(key))
  return !deck || rowStands(state, 'decks', deckOfKey(key), deck)
}

function noteWrittenAfter(state: SyncState, cardKey: string, at: string): boolean {
  const note = state.rows.notes.get(noteKeyOfCardKey(cardKey))
  return note !== undefined && note.written > at
}

function fieldsOf(row: RowState): Fields {
  const fields: Fields = {}
  for (const [name, { value }] of [...row.fields].sort(([a], [b]) => (a < b ? -1 : 1))) fields[name] = value
  return fields
}

/**
 * Each deck's scheduler from the merged rows, so that every device replays with the same options:
 * the deck's `presetId` (the default preset without one), the preset's `options.<name>` fields over
 * Anki's defaults, the `dayStartsAtHour` setting. Replays then agree between devices in one time
 * zone (the study day is local: see docs/sync.md).
 */
export function studySchedulers(state: SyncState): SchedulerOf {
  const setting = state.rows.settings.get('dayStartsAtHour')?.fields.get('value')?.value
  const dayStartsAtHour = typeof setting === 'number' ? setting : DEFAULT_DAY_STARTS_AT_HOUR
  const byPreset = new Map<string, Scheduler>()
  return (deckId) => {
    const presetField = state.rows.decks.get(deckId)?.fields.get('presetId')?.value
    const presetId = typeof presetField === 'string' ? presetField : DEFAULT_PRESET_ID
    let scheduler = byPreset.get(presetId)
    if (!scheduler) byPreset.set(presetId, (scheduler = createScheduler(presetOptions(state.rows.presets.get(presetId)), dayStartsAtHour)))
    return scheduler
  }
}

/** A value of another type than the option's (from a newer or broken writer) leaves the default: a replay never fails on it. */
function presetOptions(row: RowState | undefined): StudyOptions {
  const options: Record<string, unknown> = { ...DEFAULT_STUDY_OPTIONS }
  for (const [field, { value }] of row?.fields ?? []) {
    const name = field.startsWith('options.') ? field.slice('options.'.length) : ''
    const fits =
      name === 'w' ? Array.isArray(value) && value.every(Number.isFinite) : Object.hasOwn(options, name) && sameKind(value, options[name])
    if (fits) options[name] = value
  }
  return options as unknown as StudyOptions
}

function sameKind(value: unknown, option: unknown): boolean {
  if (option === undefined || value === null) return false
  if (Array.isArray(option)) return Array.isArray(value)
  return typeof value === typeof option && (typeof value !== 'number' || Number.isFinite(value))
}
