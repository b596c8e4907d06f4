import type { CardStateName, CompareOp, PropName, SearchNode } from '@core/search/ast'
import { SearchSyntaxError } from '@core/search/syntax-error'
import { toPattern } from '@core/search/text-pattern'

const STATES: readonly CardStateName[] = ['new', 'learn', 'review', 'due', 'suspended', 'buried']
const PROPS: readonly PropName[] = ['ivl', 'due', 'r', 's', 'd', 'reps', 'lapses']
const PROP_PATTERN = /^([a-z]+)(<=|>=|!=|=|<|>)(-?\d+(?:\.\d+)?)$/

/**
 * One word of a search as a node: `field:value` for the fields we know, free text otherwise. An
 * unknown field stays text, so a pasted "Amazon S3: storage" still searches instead of failing.
 */
export function parseTerm(raw: string, pos: number): SearchNode {
  const colon = unescapedColon(raw)
  if (colon > 0) {
    const field = raw.slice(0, colon).toLowerCase()
    const value = raw.slice(colon + 1)
    const node = parseField(field, value, pos)
    if (node) return node
  }
  return { kind: 'text', pattern: toPattern(raw) }
}

function parseField(field: string, value: string, pos: number): SearchNode | undefined {
  const fail = (message: string): never => {
    throw new SearchSyntaxError(`${message} (at character ${pos + 1})`, pos)
  }
  switch (field) {
    case 'deck':
      if (value === '') fail('deck: needs a deck name or id, e.g. deck:aws-ml-services or deck:aws*')
      return { kind: 'deck', pattern: toPattern(value) }
    case 'tag':
      if (value === '') fail('tag: needs a tag, e.g. tag:ai-services, tag:aws::s3 or tag:none')
      return { kind: 'tag', pattern: value.toLowerCase() === 'none' ? '' : toPattern(value) }
    case 'is': {
      const state = STATES.find((s) => s === value.toLowerCase())
      return state ? { kind: 'is', state } : fail(`Unknown is:${value}; use is:${STATES.join(', is:')}`)
    }
    case 'flag':
      return /^[0-7]$/.test(value) ? { kind: 'flag', flag: Number(value) } : fail('flag: takes a number from 0 (no flag) to 7')
    case 'prop':
      return parseProp(value, fail)
    case 'rated':
    case 'added': {
      const days = /^\d{1,5}$/.test(value) ? Number(value) : 0
      return days >= 1 ? { kind: field, days } : fail(`${field}: takes a number of days, 1 or more, e.g. ${field}:7`)
    }
    default:
      return undefined
  }
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

function parseProp(value: string, fail: (message: string) => never): SearchNode {
  const match = PROP_PATTERN.exec(value.toLowerCase())
  const name = PROPS.find((p) => p === match?.[1])
  if (!match || !name) {
    const known = PROPS.find((p) => p === /^[a-z]*/.exec(value.toLowerCase())?.[0])
    return known
      ? fail(`prop:${known} needs a comparison and a number, e.g. ${PROP_EXAMPLES[known]}`)
      : fail(`Unknown prop:${value}; use ${PROPS.map((p) => `prop:${p}`).join(', ')}`)
  }
  return { kind: 'prop', prop: name, op: match[2] as CompareOp, value: Number(match[3]) }
}

function unescapedColon(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++
    else if (raw[i] === ':') return i
  }
  return -1
}
