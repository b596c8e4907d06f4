import type { SearchCard } from '@core/search/compile'
import { State } from 'ts-fsrs'

export type SortColumn =
  'question' | 'answer' | 'deck' | 'due' | 'interval' | 'difficulty' | 'stability' | 'retrievability' | 'reviews' | 'lapses' | 'created'

/** What sorting reads of a card. */
export type SortCard = Pick<
  SearchCard,
  | 'id'
  | 'deckId'
  | 'question'
  | 'answer'
  | 'state'
  | 'due'
  | 'scheduled_days'
  | 'difficulty'
  | 'stability'
  | 'reps'
  | 'lapses'
  | 'createdAt'
> & { ord: number }

/** What sorting needs beyond the card: deck names and the FSRS recall of a card now. */
export interface SortContext<C> {
  deckName: (deckId: string) => string | undefined
  retrievability: (card: C) => number
}

/** Text columns compare lowercased text; the others numbers. A card without a value has none (NaN). */
const TEXT_COLUMNS: ReadonlySet<SortColumn> = new Set(['question', 'answer', 'deck'])

function textKeyOf<C extends SortCard>(column: SortColumn, ctx: SortContext<C>): (card: C) => string {
  if (column === 'question') return (c) => c.question.toLowerCase()
  if (column === 'answer') return (c) => c.answer.toLowerCase()
  return (c) => (ctx.deckName(c.deckId) ?? c.deckId).toLowerCase()
}

// A card never studied has no interval, memory or due date worth comparing: it has no value.
function numberKeyOf<C extends SortCard>(column: SortColumn, ctx: SortContext<C>): (card: C) => number {
  const studied = (read: (card: C) => number) => (card: C) => (card.state === State.New ? NaN : read(card))
  switch (column) {
    case 'due':
      return studied((c) => c.due)
    case 'interval':
      return studied((c) => c.scheduled_days)
    case 'difficulty':
      return studied((c) => c.difficulty)
    case 'stability':
      return studied((c) => c.stability)
    case 'retrievability':
      return studied((c) => ctx.retrievability(c))
    case 'reviews':
      return (c) => c.reps
    case 'lapses':
      return (c) => c.lapses
    default:
      return (c) => c.createdAt
  }
}

/**
 * The order of `count` cards (`cardAt(k)` is card k) by one column: positions, first to last.
 * Cards without a value go last in either direction, and ties keep deck order (deck id, then the
 * card's place in its deck, then its key), so equal cards never jump about between sorts. Keys
 * are computed once per card, numbers into a typed array. `cardAt` may hand out one object moved from card to
 * card: it is read at once.
 */
export function sortOrder<C extends SortCard>(
  count: number,
  cardAt: (k: number) => C,
  column: SortColumn,
  descending: boolean,
  ctx: SortContext<C>
): number[] {
  const text = TEXT_COLUMNS.has(column)
  const textKey = textKeyOf(column, ctx)
  const numberKey = numberKeyOf(column, ctx)
  const texts: string[] = text ? new Array<string>(count) : []
  const numbers = new Float64Array(text ? 0 : count)
  // Decks by id, as ranks, so a tie compares two numbers.
  const deckIds: string[] = new Array<string>(count)
  const ords = new Float64Array(count)
  const ids: string[] = new Array<string>(count)
  const order = new Array<number>(count)
  for (let k = 0; k < count; k++) {
    const card = cardAt(k)
    if (text) texts[k] = textKey(card)
    else numbers[k] = numberKey(card)
    deckIds[k] = card.deckId
    ords[k] = card.ord
    ids[k] = card.id
    order[k] = k
  }
  const rankOf = new Map([...new Set(deckIds)].sort().map((id, rank) => [id, rank]))
  const decks = Int32Array.from(deckIds, (id) => rankOf.get(id)!)
  const tie = (a: number, b: number) => decks[a]! - decks[b]! || ords[a]! - ords[b]! || (ids[a]! < ids[b]! ? -1 : 1)
  const sign = descending ? -1 : 1
  if (text) return order.sort((a, b) => (texts[a]! === texts[b]! ? tie(a, b) : texts[a]! < texts[b]! ? -sign : sign))
  return order.sort((a, b) => {
    const x = numbers[a]!
    const y = numbers[b]!
    if (x !== y) {
      // NaN (no value) is unequal to everything, itself included.
      const xNone = Number.isNaN(x)
      const yNone = Number.isNaN(y)
      if (xNone !== yNone) return xNone ? 1 : -1
      if (!xNone) return x < y ? -sign : sign
    }
    return tie(a, b)
  })
}
