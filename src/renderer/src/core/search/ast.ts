/**
 * The parsed form of a card-browser search, Anki's syntax. Text patterns keep the user's
 * wildcards: `*` matches any run of characters, `_` one character; `\*` and `\_` are literal.
 */
export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>='

/** `ivl` scheduled days, `due` days from today, `r` retrievability, `s` stability, `d` difficulty. */
export type PropName = 'ivl' | 'due' | 'r' | 's' | 'd' | 'reps' | 'lapses'

export type CardStateName = 'new' | 'learn' | 'review' | 'due' | 'suspended' | 'buried'

export type SearchNode =
  /** The empty search: every card. */
  | { kind: 'all' }
  | { kind: 'and'; children: SearchNode[] }
  | { kind: 'or'; children: SearchNode[] }
  | { kind: 'not'; child: SearchNode }
  /** Free text (a word or a quoted phrase) in the card's text: question, answer or extra, not its tags. */
  | { kind: 'text'; pattern: string }
  /** `nc:` free text with accents and other combining marks ignored: `nc:uber` finds "über". */
  | { kind: 'nc'; pattern: string }
  /** `w:` free text that starts and ends at word boundaries: `w:dog` finds "dog", not "doggy". */
  | { kind: 'word'; pattern: string }
  /** `re:` a regular expression (JavaScript syntax) over each of the card's texts, case-insensitive. */
  | { kind: 'regex'; source: string }
  | { kind: 'deck'; pattern: string }
  /**
   * `tag:none` is `{ kind: 'tag', pattern: '' }`: cards without tags; `tag:*` (pattern `*`) is
   * every card, as in Anki. `nc` compares without accents (`tag:nc:…`).
   */
  | { kind: 'tag'; pattern: string; nc?: true }
  /** `tag:re:` a regular expression tested against each tag. */
  | { kind: 'tag-regex'; source: string }
  | { kind: 'is'; state: CardStateName }
  | { kind: 'flag'; flag: number }
  | { kind: 'prop'; prop: PropName; op: CompareOp; value: number }
  /** Rated in the last `days` study days, today included (`rated:0` reads as 1, as in Anki). */
  | { kind: 'rated'; days: number }
  /** Added in the last `days` study days, today included (`added:0` reads as 1, as in Anki). */
  | { kind: 'added'; days: number }

export type ParseResult = { ok: true; ast: SearchNode } | { ok: false; error: string; position: number }

/** What `pick` finds in each term of a search, in order, through its `and`, `or` and `not`. */
export function fromTerms<T>(node: SearchNode, pick: (term: SearchNode) => T[]): T[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap((child) => fromTerms(child, pick))
    case 'not':
      return fromTerms(node.child, pick)
    default:
      return pick(node)
  }
}
