/**
 * The parsed form of a card-browser search, Anki's syntax. Text patterns keep the user's
 * wildcards: `*` matches any run of characters, `\*` a literal star.
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
  /** Free text (a word or a quoted phrase) in the question, answer, extra or tags. */
  | { kind: 'text'; pattern: string }
  | { kind: 'deck'; pattern: string }
  /** `tag:none` is `{ kind: 'tag', pattern: '' }`: cards without tags. */
  | { kind: 'tag'; pattern: string }
  | { kind: 'is'; state: CardStateName }
  | { kind: 'flag'; flag: number }
  | { kind: 'prop'; prop: PropName; op: CompareOp; value: number }
  /** Rated in the last `days` study days, today included. */
  | { kind: 'rated'; days: number }
  /** Added in the last `days` study days, today included. */
  | { kind: 'added'; days: number }

export type ParseResult = { ok: true; ast: SearchNode } | { ok: false; error: string; position: number }
