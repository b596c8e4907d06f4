import {
  NOTE_TYPE_CODES,
  type CardColumnsRecord,
  type CardRecord,
  type QueueValue,
  type SchedulingState,
  type StatsCard
} from '@core/model'

/**
 * The card columns as data: filling them from card records, patching them with changed cards,
 * and giving cards back as small objects. No I/O here; card-columns.ts keeps the rows current.
 */

/** A card as the columns give it back: its scheduling state, order and tags, never its text. */
export type ColumnCard = Pick<
  CardRecord,
  'id' | 'deckId' | 'ord' | 'queue' | 'buriedUntil' | 'tags' | 'tasks' | 'noteType' | keyof SchedulingState
>

/** What the statistics' card accumulators read (core/stats). */

type FloatColumn =
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'lastReview'
  | 'scheduledDays'
  | 'buriedUntil'
  | 'ord'
  | 'elapsedDays'
  | 'learningSteps'
  | 'reps'
  | 'lapses'
type FloatField =
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'last_review'
  | 'scheduled_days'
  | 'buriedUntil'
  | 'ord'
  | 'elapsed_days'
  | 'learning_steps'
  | 'reps'
  | 'lapses'

// Absent optional fields (last_review, buriedUntil) are stored as NaN, which no real value is.
const FLOATS: ReadonlyArray<readonly [FloatColumn, FloatField]> = [
  ['due', 'due'],
  ['stability', 'stability'],
  ['difficulty', 'difficulty'],
  ['lastReview', 'last_review'],
  ['scheduledDays', 'scheduled_days'],
  ['buriedUntil', 'buriedUntil'],
  ['ord', 'ord'],
  ['elapsedDays', 'elapsed_days'],
  ['learningSteps', 'learning_steps'],
  ['reps', 'reps'],
  ['lapses', 'lapses']
]

/**
 * Whether a stored row has every column at full length. A row from a version of Recall with other
 * columns, or a damaged one, is built again rather than patched.
 */
export function isWhole(row: CardColumnsRecord): boolean {
  const columns = ['queue', 'state', 'tagSet', 'taskSet', 'noteType', ...FLOATS.map(([column]) => column)] as const
  return (
    Array.isArray(row.ids) &&
    Array.isArray(row.tagSets) &&
    Array.isArray(row.taskSets) &&
    columns.every((c) => ArrayBuffer.isView(row[c]) && row[c].length === row.ids.length)
  )
}

/** IndexedDB orders string keys by UTF-16 code units, as `<` does. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function emptyColumns(deckId: string, size: number, builtFrom: number): CardColumnsRecord {
  const float = () => new Float64Array(size)
  return {
    deckId,
    builtFrom,
    ids: new Array<string>(size),
    queue: new Int8Array(size),
    state: new Int8Array(size),
    due: float(),
    stability: float(),
    difficulty: float(),
    lastReview: float(),
    scheduledDays: float(),
    buriedUntil: float(),
    ord: float(),
    elapsedDays: float(),
    learningSteps: float(),
    reps: float(),
    lapses: float(),
    tagSets: [],
    tagSet: new Int32Array(size),
    taskSets: [],
    taskSet: new Int32Array(size),
    noteType: new Int8Array(size)
  }
}

const typeCode = (card: CardRecord) => (card.noteType ? NOTE_TYPE_CODES.indexOf(card.noteType) + 1 : 0)

/**
 * Writes card records into rows of columns that share `tagSets`, adding each new list of tags to
 * that dictionary once.
 */
export function columnWriter(tagSets: string[][], taskSets: string[][]) {
  const dictionary = (sets: string[][]) => {
    const known = new Map(sets.map((list, i) => [JSON.stringify(list), i]))
    return (list: readonly string[] = []) => {
      const key = JSON.stringify(list)
      let index = known.get(key)
      if (index === undefined) known.set(key, (index = sets.push([...list]) - 1))
      return index
    }
  }
  const tagIndex = dictionary(tagSets)
  const taskIndex = dictionary(taskSets)
  return {
    write(columns: CardColumnsRecord, i: number, card: CardRecord): void {
      columns.ids[i] = card.id
      columns.queue[i] = card.queue
      columns.state[i] = card.state
      for (const [column, field] of FLOATS) columns[column][i] = card[field] ?? NaN
      columns.tagSet[i] = tagIndex(card.tags)
      columns.taskSet[i] = taskIndex(card.tasks)
      columns.noteType[i] = typeCode(card)
    },
    matches(columns: CardColumnsRecord, i: number, card: CardRecord): boolean {
      if (columns.queue[i] !== card.queue || columns.state[i] !== card.state || columns.tagSet[i] !== tagIndex(card.tags)) return false
      if (columns.taskSet[i] !== taskIndex(card.tasks) || columns.noteType[i] !== typeCode(card)) return false
      return FLOATS.every(([column, field]) => Object.is(columns[column][i], card[field] ?? NaN))
    }
  }
}

type ColumnWriter = ReturnType<typeof columnWriter>

function copyRow(from: CardColumnsRecord, i: number, to: CardColumnsRecord, k: number): void {
  to.ids[k] = from.ids[i]!
  to.queue[k] = from.queue[i]!
  to.state[k] = from.state[i]!
  for (const [column] of FLOATS) to[column][k] = from[column][i]!
  to.tagSet[k] = from.tagSet[i]!
  to.taskSet[k] = from.taskSet[i]!
  to.noteType[k] = from.noteType[i]!
}

/** Where `id` is in key-ordered `ids`, or -1. */
export function indexOfId(ids: readonly string[], id: string): number {
  let low = 0
  let high = ids.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const order = compareKeys(ids[mid]!, id)
    if (order === 0) return mid
    if (order < 0) low = mid + 1
    else high = mid - 1
  }
  return -1
}

/** New columns with `added` merged in at their key positions. */
function withAdded(columns: CardColumnsRecord, added: CardRecord[], writer: ColumnWriter): CardColumnsRecord {
  added.sort((a, b) => compareKeys(a.id, b.id))
  const out = emptyColumns(columns.deckId, columns.ids.length + added.length, columns.builtFrom)
  out.tagSets = columns.tagSets
  out.taskSets = columns.taskSets
  let i = 0
  let j = 0
  for (let k = 0; k < out.ids.length; k++) {
    const next = added[j]
    if (next && (i >= columns.ids.length || compareKeys(next.id, columns.ids[i]!) < 0)) {
      writer.write(out, k, next)
      j++
    } else copyRow(columns, i++, out, k)
  }
  return out
}

/**
 * Brings `columns` up to date with `changed`, the deck's cards written since they were built:
 * each replaces its row by key or is inserted in key order. Null when no value differs (the
 * stored row can stay as it is); otherwise the patched columns, stamped `builtFrom`.
 */
export function patchColumns(columns: CardColumnsRecord, changed: readonly CardRecord[], builtFrom: number): CardColumnsRecord | null {
  const writer = columnWriter(columns.tagSets, columns.taskSets)
  const added: CardRecord[] = []
  let dirty = false
  for (const card of changed) {
    const i = indexOfId(columns.ids, card.id)
    if (i < 0) added.push(card)
    else if (!writer.matches(columns, i, card)) {
      writer.write(columns, i, card)
      dirty = true
    }
  }
  if (!dirty && added.length === 0) return null
  const patched = added.length === 0 ? columns : withAdded(columns, added, writer)
  patched.builtFrom = builtFrom
  return patched
}

/** The columns without the cards of `gone` (deleted cards); the same object when none of them is in it. */
export function withoutCards(columns: CardColumnsRecord, gone: ReadonlySet<string>): CardColumnsRecord {
  const kept: number[] = []
  for (let i = 0; i < columns.ids.length; i++) if (!gone.has(columns.ids[i]!)) kept.push(i)
  if (kept.length === columns.ids.length) return columns
  const out = emptyColumns(columns.deckId, kept.length, columns.builtFrom)
  out.tagSets = columns.tagSets
  out.taskSets = columns.taskSets
  kept.forEach((i, k) => copyRow(columns, i, out, k))
  return out
}

const present = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value)

/** Row `i` with everything the exam forecast reads. */
function cardAt(c: CardColumnsRecord, i: number): ColumnCard {
  const card: ColumnCard = {
    id: c.ids[i]!,
    deckId: c.deckId,
    ord: c.ord[i]!,
    queue: c.queue[i]! as QueueValue,
    state: c.state[i]!,
    due: c.due[i]!,
    stability: c.stability[i]!,
    difficulty: c.difficulty[i]!,
    elapsed_days: c.elapsedDays[i]!,
    scheduled_days: c.scheduledDays[i]!,
    learning_steps: c.learningSteps[i]!,
    reps: c.reps[i]!,
    lapses: c.lapses[i]!,
    tags: c.tagSets[c.tagSet[i]!]!
  }
  const tasks = c.taskSets[c.taskSet[i]!]!
  if (tasks.length > 0) card.tasks = tasks
  const type = c.noteType[i]!
  if (type > 0) card.noteType = NOTE_TYPE_CODES[type - 1]
  const lastReview = present(c.lastReview[i]!)
  if (lastReview !== undefined) card.last_review = lastReview
  const buriedUntil = present(c.buriedUntil[i]!)
  if (buriedUntil !== undefined) card.buriedUntil = buriedUntil
  return card
}

/** Every card of the columns, in key order. Cards with the same tags share one (read-only) tag array. */
export function cardsOfColumns(columns: CardColumnsRecord): ColumnCard[] {
  return Array.from({ length: columns.ids.length }, (_, i) => cardAt(columns, i))
}

/** Feeds the statistics' accumulators the fields they read, one small object per card, in key order. */
export function eachCardOfColumns(c: CardColumnsRecord, visit: (card: StatsCard) => void): void {
  for (let i = 0; i < c.ids.length; i++) {
    const card: StatsCard = {
      deckId: c.deckId,
      queue: c.queue[i]! as QueueValue,
      state: c.state[i]!,
      due: c.due[i]!,
      stability: c.stability[i]!,
      difficulty: c.difficulty[i]!,
      scheduled_days: c.scheduledDays[i]!
    }
    const lastReview = present(c.lastReview[i]!)
    if (lastReview !== undefined) card.last_review = lastReview
    const buriedUntil = present(c.buriedUntil[i]!)
    if (buriedUntil !== undefined) card.buriedUntil = buriedUntil
    const tasks = c.taskSets[c.taskSet[i]!]!
    if (tasks.length > 0) card.tasks = tasks
    visit(card)
  }
}
