import type { CardStateName, CompareOp, PropName, SearchNode } from '@core/search/ast'
import { SearchSyntaxError } from '@core/search/syntax-error'
import { ESCAPABLE, toPattern, userRegExp } from '@core/search/text-pattern'

const STATES: readonly CardStateName[] = ['new', 'learn', 'review', 'due', 'suspended', 'buried']
const PROPS: readonly PropName[] = ['ivl', 'due', 'r', 's', 'd', 'reps', 'lapses']
const PROP_PATTERN = /^([a-zA-Z]+)(<=|>=|!=|=|<|>)(-?\d+(?:\.\d+)?)$/
/** Beyond this many days every card matches anyway, and a date that far back is not one JavaScript holds. */
const MAX_DAYS = 100_000

type Fail = (message: string) => never

/**
 * One word of a search as a node: `field:value` for the fields we know, free text otherwise. An
 * unknown field stays text, so a pasted "Amazon S3: storage" still searches instead of failing.
 * As in Anki, a backslash escapes only \ " : * _ ( ) -, and `re:` takes its expression as typed.
 */
export function parseTerm(raw: string, pos: number): SearchNode {
  const fail: Fail = (message) => {
    throw new SearchSyntaxError(`${message} (at character ${pos + 1})`, pos)
  }
  const colon = unescapedColon(raw)
  const field = colon > 0 ? raw.slice(0, colon).toLowerCase() : ''
  const value = raw.slice(colon + 1)
  if (field === 're') return { kind: 'regex', source: readRegex('re:', value, fail) }
  if (field === 'tag' && value.startsWith('re:')) return { kind: 'tag-regex', source: readRegex('tag:re:', value.slice(3), fail) }
  checkEscapes(raw, fail)
  return (field && parseField(field, value, fail)) || { kind: 'text', pattern: toPattern(raw) }
}

function parseField(field: string, value: string, fail: Fail): SearchNode | undefined {
  switch (field) {
    case 'deck':
      if (value === '') fail('deck: needs a deck name or id, e.g. deck:aws-ml-services or deck:aws*')
      return { kind: 'deck', pattern: toPattern(value) }
    case 'tag':
      return parseTag(value, fail)
    case 'nc':
      if (value === '') fail('nc: needs text to find without accents, e.g. nc:uber finds "über"')
      return { kind: 'nc', pattern: toPattern(value) }
    case 'w':
      if (value === '') fail('w: needs a word, e.g. w:dog finds "dog" but not "doggy"')
      return { kind: 'word', pattern: toPattern(value) }
    case 'is': {
      if (STATES.some((s) => s === value)) return { kind: 'is', state: value as CardStateName }
      const lower = STATES.find((s) => s === value.toLowerCase())
      return lower
        ? fail(`is:${value}: card states are written in lower case, as in Anki: is:${lower}`)
        : fail(`Unknown is:${value}; use is:${STATES.join(', is:')}`)
    }
    case 'flag':
      return /^[0-7]$/.test(value) ? { kind: 'flag', flag: Number(value) } : fail('flag: takes a number from 0 (no flag) to 7')
    case 'prop':
      return parseProp(value, fail)
    case 'rated':
    case 'added':
      // As in Anki, 0 days reads as 1: today.
      return /^\d+$/.test(value)
        ? { kind: field, days: Math.min(Math.max(Number(value), 1), MAX_DAYS) }
        : fail(`${field}: takes a number of days, e.g. ${field}:7 (${field}:1 is today)`)
    default:
      return undefined
  }
}

function parseTag(value: string, fail: Fail): SearchNode {
  const nc = value.startsWith('nc:')
  const tag = nc ? value.slice(3) : value
  if (tag === '') fail(`tag:${nc ? 'nc:' : ''} needs a tag, e.g. tag:ai-services, tag:aws::s3 or tag:none`)
  if (!nc && tag.toLowerCase() === 'none') return { kind: 'tag', pattern: '' }
  return nc ? { kind: 'tag', pattern: toPattern(tag), nc } : { kind: 'tag', pattern: toPattern(tag) }
}

/** `re:` input as Anki reads it: only `\"` is unescaped; the expression must compile. */
function readRegex(prefix: string, raw: string, fail: Fail): string {
  const source = raw.replaceAll('\\"', '"')
  if (source === '')
    fail(
      `${prefix} needs a regular expression, e.g. ${prefix}\\d{3}; put one with spaces or parentheses in quotes: "${prefix}(some|another) thing"`
    )
  try {
    userRegExp(source)
  } catch (e) {
    fail(`${prefix}${source} is not a regular expression: ${e instanceof Error ? e.message : String(e)}`)
  }
  return source
}

/** An example that fits each property, for the message when a comparison is missing or broken. */
const PROP_EXAMPLES: Readonly<Record<PropName, string>> = {
  ivl: 'prop:ivl>=10 (interval in days)',
  due: 'prop:due<=1 (due in days from today; negative: overdue)',
  r: 'prop:r<0.9 (retrievability, from 0 to 1)',
  s: 'prop:s>30 (stability in days)',
  d: 'prop:d>7 (difficulty, from 1 to 10)',
  reps: 'prop:reps>=5 (times reviewed)',
  lapses: 'prop:lapses>=3 (times forgotten)'
}

/** What each property counts, as Anki reads its number: whole days and counts take no fraction. */
const PROP_NUMBERS: Readonly<Record<PropName, { whole: boolean; negative: boolean; what: string }>> = {
  ivl: { whole: true, negative: false, what: 'a whole number of days, 0 or more' },
  due: { whole: true, negative: true, what: 'a whole number of days (negative: overdue)' },
  reps: { whole: true, negative: false, what: 'a whole number, 0 or more' },
  lapses: { whole: true, negative: false, what: 'a whole number, 0 or more' },
  r: { whole: false, negative: true, what: 'a number' },
  s: { whole: false, negative: true, what: 'a number' },
  d: { whole: false, negative: true, what: 'a number' }
}

function parseProp(value: string, fail: Fail): SearchNode {
  const match = PROP_PATTERN.exec(value)
  const typed = match?.[1] ?? /^[a-zA-Z]*/.exec(value)![0]
  const name = PROPS.find((p) => p === typed)
  if (!name) {
    const lower = PROPS.find((p) => p === typed.toLowerCase())
    return lower
      ? fail(`prop:${value}: property names are written in lower case, as in Anki: prop:${lower}${value.slice(typed.length)}`)
      : fail(`Unknown prop:${value}; use ${PROPS.map((p) => `prop:${p}`).join(', ')}`)
  }
  if (!match) return fail(`prop:${name} needs a comparison and a number, e.g. ${PROP_EXAMPLES[name]}`)
  const number = Number(match[3])
  const { whole, negative, what } = PROP_NUMBERS[name]
  if ((whole && !Number.isInteger(number)) || (!negative && number < 0))
    fail(`prop:${name} takes ${what}, not ${match[3]}, e.g. ${PROP_EXAMPLES[name]}`)
  return { kind: 'prop', prop: name, op: match[2] as CompareOp, value: number }
}

/** A backslash before anything but \ " : * _ ( ) - is a mistake; Anki refuses it rather than guess. */
function checkEscapes(raw: string, fail: Fail): void {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') continue
    const next = raw[i + 1] ?? ''
    if (!next || !ESCAPABLE.includes(next))
      fail(`"\\${next}" is not an escape: a backslash goes before one of \\ " : * _ ( ) -; type \\\\ to search for a backslash`)
    i++
  }
}

function unescapedColon(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++
    else if (raw[i] === ':') return i
  }
  return -1
}
