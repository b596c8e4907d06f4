import {
  TABLE_OF_REMOVABLE,
  type Fields,
  type ImportedNote,
  type ReviewChange,
  type SyncCardState,
  type SyncChange,
  type SyncReviewLog
} from '@shared/sync/changes'
import { isStamp } from '@shared/sync/hlc'

/**
 * A change record as read from a file another machine wrote, checked field by field: the shape
 * the merge relies on, or undefined. Values inside `fields` are the app's own (the collection's
 * side checks them as it checks an import); only their container is checked here.
 */
export function checkChange(value: unknown): SyncChange | undefined {
  if (!isObject(value) || !isStamp(value.at) || typeof value.k !== 'string') return undefined
  const v = value
  switch (v.k) {
    case 'review':
      return checkReview(v)
    case 'undo':
      return isKey(v.review) ? (v as SyncChange) : undefined
    case 'deck':
    case 'note':
    case 'card':
    case 'options':
    case 'exam':
      return isKey(v.key) && isFields(v.fields) ? (v as SyncChange) : undefined
    case 'import':
      return isKey(v.key) && isFields(v.fields) && Array.isArray(v.notes) && v.notes.every((n) => isImportedNote(n, v.key as string))
        ? (v as SyncChange)
        : undefined
    case 'setting':
      return isKey(v.key) && 'value' in v ? (v as SyncChange) : undefined
    case 'mock-exam':
      return isKey(v.key) && isFields(v.result) ? (v as SyncChange) : undefined
    case 'media':
      return isKey(v.name) && typeof v.hash === 'string' && SHA256_HEX.test(v.hash) && typeof v.type === 'string' && isCount(v.size)
        ? (v as SyncChange)
        : undefined
    case 'move':
      return isKey(v.card) && isKey(v.to) && v.card !== v.to ? (v as SyncChange) : undefined
    case 'remove':
      return isKey(v.key) && typeof v.what === 'string' && Object.hasOwn(TABLE_OF_REMOVABLE, v.what) ? (v as SyncChange) : undefined
    default:
      return undefined
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const MAX_KEY = 1024

const CARD_STATE: ReadonlyArray<keyof SyncCardState> = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state'
]
const REVIEW_LOG: ReadonlyArray<keyof SyncReviewLog> = [
  'state',
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'last_elapsed_days',
  'scheduled_days',
  'learning_steps'
]

/** Time zones run from UTC−12 to UTC+14; a day either side covers any zone a writer may have. */
const MAX_UTC_OFFSET_MINUTES = 24 * 60

function checkReview(v: Record<string, unknown>): ReviewChange | undefined {
  const ok =
    isKey(v.id) &&
    isKey(v.card) &&
    isKey(v.deck) &&
    Number.isInteger(v.rating) &&
    (v.rating as number) >= 0 &&
    (v.rating as number) <= 4 &&
    (v.manual === undefined || v.manual === 'reset' || v.manual === 'reschedule') &&
    isFiniteNumber(v.review) &&
    (v.zone === undefined || (Number.isInteger(v.zone) && Math.abs(v.zone as number) <= MAX_UTC_OFFSET_MINUTES)) &&
    isFiniteNumber(v.duration) &&
    typeof v.before === 'string' &&
    hasNumbers(v.log, REVIEW_LOG) &&
    hasNumbers(v.after, CARD_STATE) &&
    isFsrsState((v.log as Record<string, unknown>).state) &&
    isFsrsState((v.after as Record<string, unknown>).state) &&
    ((v.after as Record<string, unknown>).last_review === undefined || isFiniteNumber((v.after as Record<string, unknown>).last_review))
  return ok ? (v as unknown as ReviewChange) : undefined
}

function isImportedNote(value: unknown, deck: string): value is ImportedNote {
  return isObject(value) && isKey(value.key) && value.key.startsWith(`${deck}/`) && isFields(value.fields)
}

function hasNumbers(value: unknown, names: readonly string[]): boolean {
  return isObject(value) && names.every((name) => isFiniteNumber(value[name]))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const isFields = (value: unknown): value is Fields => isObject(value) && !(value instanceof Map) && !(value instanceof Uint8Array)
const isKey = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
/** ts-fsrs's State: 0 new, 1 learning, 2 review, 3 relearning. */
const isFsrsState = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0
