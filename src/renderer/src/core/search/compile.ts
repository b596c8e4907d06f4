import { Queue, type CardRecord } from '@core/model'
import { LEARN_AHEAD_MS } from '@core/scheduling/queue'
import type { CompareOp, ParseResult, PropName, SearchNode } from '@core/search/ast'
import { parseSearch } from '@core/search/parse'
import { containsMatcher, markFold, nameMatcher, plainFold, userRegExp, wordMatcher } from '@core/search/text-pattern'
import { studyDayStart, studyDaysFromToday } from '@core/time/study-day'
import { State } from 'ts-fsrs'

export interface SearchContext {
  now: number
  /** First millisecond of today's study day. */
  dayStart: number
  dayStartsAtHour: number
  /** FSRS probability of recall now, for `prop:r`. */
  retrievability: (card: CardRecord) => number
  /** Whether the card was graded in the last `days` study days, today included, for `rated:N`. */
  ratedSince: (cardKey: string, days: number) => boolean
  /** The deck's display name, so `deck:` matches names as well as ids. */
  deckName?: (deckId: string) => string | undefined
}

export type CardPredicate = (card: CardRecord, ctx: SearchContext) => boolean

/**
 * The AST as a predicate. Patterns become regular expressions once, here; only what depends on
 * the clock is worked out per card. Cards never reviewed have no memory state, so, as in Anki,
 * `prop:ivl/due/r/s/d` never match new cards.
 */
export function compileSearch(node: SearchNode): CardPredicate {
  switch (node.kind) {
    case 'all':
      return () => true
    case 'and': {
      const parts = node.children.map(compileSearch)
      return (card, ctx) => parts.every((p) => p(card, ctx))
    }
    case 'or': {
      const parts = node.children.map(compileSearch)
      return (card, ctx) => parts.some((p) => p(card, ctx))
    }
    case 'not': {
      const inner = compileSearch(node.child)
      return (card, ctx) => !inner(card, ctx)
    }
    case 'text': {
      const matches = containsMatcher(node.pattern)
      return (card) => cardText(card).plain.some(matches)
    }
    case 'nc': {
      const matches = containsMatcher(node.pattern, markFold)
      return (card) => withoutMarks(cardText(card)).some(matches)
    }
    case 'word': {
      const matches = wordMatcher(node.pattern)
      return (card) => cardText(card).plain.some(matches)
    }
    case 'regex': {
      const re = userRegExp(node.source)
      return (card) => cardText(card).typed.some((field) => re.test(field))
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
      const read = propReaders[node.prop]
      const compare = comparators[node.op]
      return (card, ctx) => {
        const value = read(card, ctx)
        return value !== undefined && compare(value, node.value)
      }
    }
    case 'rated':
      return (card, ctx) => ctx.ratedSince(card.id, node.days)
    case 'added':
      return (card, ctx) => card.createdAt >= studyDayStart(ctx.dayStart, 1 - node.days, ctx.dayStartsAtHour)
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
interface CardText {
  typed: string[]
  plain: string[]
  /** For `nc:`, worked out the first time one asks. */
  noMarks?: string[]
}

// Folding every field on every keystroke is the slow part of a search; card objects are
// replaced, never mutated, when they change, so caching by object is safe.
const texts = new WeakMap<CardRecord, CardText>()
function cardText(card: CardRecord): CardText {
  let text = texts.get(card)
  if (!text) {
    const typed = [card.question, card.answer, card.extra ?? ''].map((field) => field.normalize('NFC'))
    text = { typed, plain: typed.map(plainFold) }
    texts.set(card, text)
  }
  return text
}

function withoutMarks(text: CardText): string[] {
  return (text.noMarks ??= text.typed.map(markFold))
}

const dayEnd = (ctx: SearchContext) => studyDayStart(ctx.dayStart, 1, ctx.dayStartsAtHour)

const isState: Record<Extract<SearchNode, { kind: 'is' }>['state'], CardPredicate> = {
  new: (card) => card.state === State.New,
  learn: (card) => card.state === State.Learning || card.state === State.Relearning,
  review: (card) => card.state === State.Review || card.state === State.Relearning,
  due: (card, ctx) =>
    (card.queue === Queue.Review && card.due < dayEnd(ctx)) || (card.queue === Queue.Learning && card.due <= ctx.now + LEARN_AHEAD_MS),
  suspended: (card) => card.queue === Queue.Suspended,
  buried: (card) => card.queue === Queue.Buried
}

type PropReader = (card: CardRecord, ctx: SearchContext) => number | undefined
const studied =
  (read: PropReader): PropReader =>
  (card, ctx) =>
    card.state === State.New ? undefined : read(card, ctx)

const propReaders: Record<PropName, PropReader> = {
  ivl: studied((card) => card.scheduled_days),
  due: studied((card, ctx) => studyDaysFromToday(card.due, ctx.dayStart, ctx.dayStartsAtHour)),
  r: studied((card, ctx) => ctx.retrievability(card)),
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
