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

/**
 * The order of `count` cards (`cardAt(k)` is card k) among themselves when their sort keys tie:
 * deck id, then place in the deck, then key. So equal cards never jump about between sorts.
 */
export function tieOrder<C extends SortCard>(count: number, cardAt: (k: number) => C): number[] {
  const decks = new Array<string>(count)
  const ords = new Float64Array(count)
  const ids = new Array<string>(count)
  for (let k = 0; k < count; k++) {
    const card = cardAt(k)
    decks[k] = card.deckId
    ords[k] = card.ord
    ids[k] = card.id
  }
  return Array.from({ length: count }, (_, k) => k).sort((a, b) =>
    decks[a]! < decks[b]! ? -1 : decks[a]! > decks[b]! ? 1 : ords[a]! - ords[b]! || (ids[a]! < ids[b]! ? -1 : 1)
  )
}

/**
 * `tieOrder` for the cards of one deck, given as their places and keys: a radix sort on the place,
 * then the few runs of equal places by key. 10,000 cards take a few milliseconds, where comparing
 * key strings in `tieOrder`'s sort took several times that at every opening of the browser.
 */
export function deckTieOrder(ords: Float64Array, ids: { get(k: number): string }): Int32Array {
  const order = Int32Array.from(radixOrder(ords, false))
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && ords[order[end]!] === ords[order[start]!]) end++
    if (end - start > 1) order.subarray(start, end).sort((a, b) => (ids.get(a) < ids.get(b) ? -1 : ids.get(a) > ids.get(b) ? 1 : 0))
    start = end
  }
  return order
}

/**
 * The order of `count` cards by one column, the cards given in their tie order (`tieOrder`):
 * positions k, first to last. Cards without a value (the memory columns of a card never studied)
 * go last in either direction; ties keep the order given. Text compares lowercased; numbers, and
 * decks by the rank of their lowercased name, go through a radix sort, which is stable and orders
 * 100,000 cards in a few milliseconds. `cardAt` may hand out one object moved from card to card.
 */
export function sortOrder<C extends SortCard>(
  count: number,
  cardAt: (k: number) => C,
  column: SortColumn,
  descending: boolean,
  ctx: SortContext<C>
): number[] {
  if (column === 'question' || column === 'answer') {
    const texts = new Array<string>(count)
    for (let k = 0; k < count; k++) texts[k] = cardAt(k)[column].toLowerCase()
    const sign = descending ? -1 : 1
    // Array.prototype.sort is stable: equal texts keep their tie order.
    return Array.from({ length: count }, (_, k) => k).sort((a, b) => (texts[a]! < texts[b]! ? -sign : texts[a]! > texts[b]! ? sign : 0))
  }
  const keys = new Float64Array(count)
  if (column === 'deck') {
    const decks = new Array<string>(count)
    for (let k = 0; k < count; k++) decks[k] = cardAt(k).deckId
    const names = new Map([...new Set(decks)].map((id) => [id, (ctx.deckName(id) ?? id).toLowerCase()]))
    const sorted = [...new Set(names.values())].sort()
    const rank = new Map([...names].map(([id, name]) => [id, sorted.indexOf(name)]))
    for (let k = 0; k < count; k++) keys[k] = rank.get(decks[k]!)!
  } else {
    const key = numberKeyOf(column, ctx)
    for (let k = 0; k < count; k++) keys[k] = key(cardAt(k))
  }
  return radixOrder(keys, descending)
}

// A card never studied has no interval, memory or due date worth comparing: it has no value (NaN).
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
 * Positions 0…n−1 ordered by `keys`, stably (equal keys keep their order), NaN last: a least
 * significant digit radix sort on the keys' bits, 16 at a time, with the bits made to sort as
 * unsigned integers (sign flipped; every bit flipped for negatives, and for a descending order).
 */
function radixOrder(keys: Float64Array, descending: boolean): number[] {
  const count = keys.length
  // The numbers with a value first (in the order given), then those without.
  const valued = new Int32Array(count)
  const none: number[] = []
  let n = 0
  for (let k = 0; k < count; k++) {
    if (Number.isNaN(keys[k])) none.push(k)
    else valued[n++] = k
  }
  const bits = new Float64Array(1)
  const words = new Uint32Array(bits.buffer)
  const low = new Uint32Array(n)
  const high = new Uint32Array(n)
  const flip = descending ? 0xffffffff : 0
  for (let i = 0; i < n; i++) {
    bits[0] = keys[valued[i]!]! + 0 // + 0 makes −0 a 0
    // Little-endian: the low word first. A negative number's bits all flip; a positive's sign bit.
    const negative = words[1]! >>> 31
    low[i] = (negative ? ~words[0]! : words[0]!) ^ flip
    high[i] = (negative ? ~words[1]! : words[1]! | 0x80000000) ^ flip
  }
  let order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let next = new Int32Array(n)
  const counts = new Int32Array(65_536)
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? low : high
    const shift = pass % 2 ? 16 : 0
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(word[order[i]!]! >>> shift) & 0xffff]!++
    // A digit all cards share orders nothing.
    if (n === 0 || counts[(word[order[0]!]! >>> shift) & 0xffff] === n) continue
    let sum = 0
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d]!
      counts[d] = sum
      sum += c
    }
    for (let i = 0; i < n; i++) next[counts[(word[order[i]!]! >>> shift) & 0xffff]!++] = order[i]!
    const done = order
    order = next
    next = done
  }
  const sorted = new Array<number>(count)
  for (let i = 0; i < n; i++) sorted[i] = valued[order[i]!]!
  for (let i = 0; i < none.length; i++) sorted[n + i] = none[i]!
  return sorted
}
