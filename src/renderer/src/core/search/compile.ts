import { Queue, type CardRecord } from '@core/model'
import { LEARN_AHEAD_MS } from '@core/scheduling/queue'
import type { CompareOp, ParseResult, PropName, SearchNode } from '@core/search/ast'
import { parseSearch } from '@core/search/parse'
import { containsMatcher, markFold, nameMatcher, plainFold, userRegExp, wordMatcher } from '@core/search/text-pattern'
import { studyDayStart, studyDaysFromToday } from '@core/time/study-day'
import { State } from 'ts-fsrs'

/**
 * What a search reads of a card. A whole `CardRecord` has it, a browser row has it, and so does
 * the browser worker's view of one card in its columns (core/search/columns.ts).
 */
export type SearchCard = Pick<
  CardRecord,
  | 'id'
  | 'deckId'
  | 'question'
  | 'answer'
  | 'extra'
  | 'tags'
  | 'flag'
  | 'state'
  | 'queue'
  | 'due'
  | 'scheduled_days'
  | 'stability'
  | 'difficulty'
  | 'reps'
  | 'lapses'
  | 'createdAt'
  | 'last_review'
>

export interface SearchContext<C extends SearchCard = CardRecord> {
  now: number
  /** First millisecond of today's study day. */
  dayStart: number
  dayStartsAtHour: number
  /** FSRS probability of recall now, for `prop:r`. */
  retrievability: (card: C) => number
  /** Whether the card was graded in the last `days` study days, today included, for `rated:N`. */
  ratedSince: (cardKey: string, days: number) => boolean
  /** The deck's display name, so `deck:` matches names as well as ids. */
  deckName?: (deckId: string) => string | undefined
  /**
   * The card's text as searched (`searchTextOf`). Without it, worked out once per card object; a
   * caller whose card objects are views that change what they show (the browser worker's column
   * view) keeps the texts itself and gives them here.
   */
  textOf?: (card: C) => SearchText
  /**
   * Whether a `text` or `nc` term matches the card, where the caller worked it out ahead for many
   * cards at once (the browser worker searches a deck's packed texts whole); undefined: read the card.
   */
  found?: (term: SearchNode, card: C) => boolean | undefined
}

export type CardPredicate<C extends SearchCard = CardRecord> = (card: C, ctx: SearchContext<C>) => boolean

/**
 * The AST as a predicate. Patterns become regular expressions once, here; only what depends on
 * the clock is worked out per card. Cards never reviewed have no memory state, so, as in Anki,
 * `prop:ivl/due/r/s/d` never match new cards.
 */
export function compileSearch<C extends SearchCard = CardRecord>(node: SearchNode): CardPredicate<C> {
  const text = (card: C, ctx: SearchContext<C>): SearchText => ctx.textOf?.(card) ?? cardText(card)
  switch (node.kind) {
    case 'all':
      return () => true
    case 'and': {
      const parts = node.children.map((child) => compileSearch<C>(child))
      return (card, ctx) => parts.every((p) => p(card, ctx))
    }
    case 'or': {
      const parts = node.children.map((child) => compileSearch<C>(child))
      return (card, ctx) => parts.some((p) => p(card, ctx))
    }
    case 'not': {
      const inner = compileSearch<C>(node.child)
      return (card, ctx) => !inner(card, ctx)
    }
    case 'text': {
      const matches = containsMatcher(node.pattern)
      return (card, ctx) => ctx.found?.(node, card) ?? text(card, ctx).plain.some(matches)
    }
    case 'nc': {
      const matches = containsMatcher(node.pattern, markFold)
      return (card, ctx) => ctx.found?.(node, card) ?? withoutMarks(text(card, ctx)).some(matches)
    }
    case 'word': {
      const matches = wordMatcher(node.pattern)
      return (card, ctx) => text(card, ctx).plain.some(matches)
    }
    case 'regex': {
      const re = userRegExp(node.source)
      return (card, ctx) => text(card, ctx).typed.some((field) => re.test(field))
    }
    case 'deck': {
      const matches = nameMatcher(node.pattern)
      return (card, ctx) => matches(card.deckId) || matches(ctx.deckName?.(card.deckId) ?? '')
    }
    case 'tag': {
      if (node.pattern === '') return (card) => card.tags.length === 0
      // Anki reads `tag:*` as the whole collection, untagged cards included (sqlwriter.rs).
      if (node.pattern === '*') return () => true
      const matches = nameMatcher(node.pattern, node.nc ? markFold : plainFold)
      return (card) => card.tags.some(matches)
    }
    case 'tag-regex': {
      const re = userRegExp(node.source)
      return (card) => card.tags.some((tag) => re.test(tag))
    }
    case 'is':
      return isState[node.state]
    case 'flag':
      return (card) => (card.flag ?? 0) === node.flag
    case 'prop': {
      // Recall is the one property read through the context; the others are the card's own.
      const read: PropReader<C> = node.prop === 'r' ? studied((card, ctx) => ctx.retrievability(card)) : propReaders[node.prop]
      const compare = comparators[node.op]
      return (card, ctx) => {
        const value = read(card, ctx)
        return value !== undefined && compare(value, node.value)
      }
    }
    case 'rated':
      return (card, ctx) => ctx.ratedSince(card.id, node.days)
    case 'added': {
      const since = perClock((ctx) => studyDayStart(ctx.dayStart, 1 - node.days, ctx.dayStartsAtHour))
      return (card, ctx) => card.createdAt >= since(ctx)
    }
  }
}

/** Parse and compile in one step, for the search box. */
export function searchPredicate(query: string): { ok: true; predicate: CardPredicate } | Extract<ParseResult, { ok: false }> {
  const parsed = parseSearch(query)
  return parsed.ok ? { ok: true, predicate: compileSearch(parsed.ast) } : parsed
}

/**
 * A card's searchable text: question, answer and extra, as Anki searches a note's fields and not
 * its tags. `typed` is as written (one Unicode form) for `re:`; `plain` is folded for text searches.
 */
export interface SearchText {
  typed: string[]
  plain: string[]
  /** For `nc:`, worked out the first time one asks. */
  noMarks?: string[]
}

/** The searchable text of a card's three fields. A folded field equal to the typed one is the same string, not a copy. */
function searchTextOf(question: string, answer: string, extra = ''): SearchText {
  const typed = [question, answer, extra].map((field) => field.normalize('NFC'))
  return {
    typed,
    plain: typed.map((field) => {
      const folded = plainFold(field)
      return folded === field ? field : folded
    })
  }
}

// Folding every field on every keystroke is the slow part of a search; card objects are
// replaced, never mutated, when they change, so caching by object is safe.
const texts = new WeakMap<SearchCard, SearchText>()
function cardText(card: SearchCard): SearchText {
  let text = texts.get(card)
  if (!text) {
    text = searchTextOf(card.question, card.answer, card.extra)
    texts.set(card, text)
  }
  return text
}

function withoutMarks(text: SearchText): string[] {
  return (text.noMarks ??= text.typed.map(markFold))
}

/** What `is:` and `prop:` read of the context: the clock and the study day. */
type Clock = Pick<SearchContext<SearchCard>, 'now' | 'dayStart' | 'dayStartsAtHour'>

/**
 * A moment worked out from the study day, once per study day rather than once per card: a search
 * runs one context over every card, and study-day arithmetic goes through the calendar.
 */
function perClock(work: (ctx: Clock) => number): (ctx: Clock) => number {
  let dayStart = NaN
  let hour = NaN
  let value = 0
  return (ctx) => {
    if (ctx.dayStart !== dayStart || ctx.dayStartsAtHour !== hour) {
      dayStart = ctx.dayStart
      hour = ctx.dayStartsAtHour
      value = work(ctx)
    }
    return value
  }
}

const dayEnd = perClock((ctx) => studyDayStart(ctx.dayStart, 1, ctx.dayStartsAtHour))

const isState: Record<Extract<SearchNode, { kind: 'is' }>['state'], (card: SearchCard, ctx: Clock) => boolean> = {
  new: (card) => card.state === State.New,
  learn: (card) => card.state === State.Learning || card.state === State.Relearning,
  review: (card) => card.state === State.Review || card.state === State.Relearning,
  due: (card, ctx) =>
    (card.queue === Queue.Review && card.due < dayEnd(ctx)) || (card.queue === Queue.Learning && card.due <= ctx.now + LEARN_AHEAD_MS),
  suspended: (card) => card.queue === Queue.Suspended,
  buried: (card) => card.queue === Queue.Buried
}

type PropReader<C extends SearchCard, X = SearchContext<C>> = (card: C, ctx: X) => number | undefined
const studied =
  <C extends SearchCard, X>(read: PropReader<C, X>): PropReader<C, X> =>
  (card, ctx) =>
    card.state === State.New ? undefined : read(card, ctx)

const propReaders: Record<Exclude<PropName, 'r'>, PropReader<SearchCard, Clock>> = {
  ivl: studied((card) => card.scheduled_days),
  due: studied((card, ctx) => studyDaysFromToday(card.due, ctx.dayStart, ctx.dayStartsAtHour)),
  s: studied((card) => card.stability),
  d: studied((card) => card.difficulty),
  reps: (card) => card.reps,
  lapses: (card) => card.lapses
}

const comparators: Record<CompareOp, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b
}
