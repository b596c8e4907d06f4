import type { ParseResult, SearchNode } from '@core/search/ast'
import { SearchSyntaxError } from '@core/search/syntax-error'
import { parseTerm } from '@core/search/terms'
import { tokenize, type Token } from '@core/search/tokenize'

/** Deeper than anyone types; keeps a pasted "((((…" from exhausting the stack. */
const MAX_DEPTH = 64

/**
 * Parses an Anki-style search. Terms side by side must all match; `OR` (or `or`) between them
 * lets either match, and binds looser than the implicit AND: `a b OR c` is `(a b) OR c`.
 * `-term` negates; parentheses group. Never throws: a person is typing, so a mistake comes back
 * as a message and the position (0-based) where it was found.
 */
export function parseSearch(input: string): ParseResult {
  try {
    const tokens = tokenize(input)
    if (tokens.length === 0) return { ok: true, ast: { kind: 'all' } }
    const parser = new Parser(tokens, input.length)
    const ast = parser.parseOr(0)
    const rest = parser.peek()
    if (rest) throw new SearchSyntaxError(`Unmatched ")" at character ${rest.pos + 1}`, rest.pos)
    return { ok: true, ast }
  } catch (e) {
    if (e instanceof SearchSyntaxError) return { ok: false, error: e.message, position: e.position }
    return { ok: false, error: 'This search could not be read', position: 0 }
  }
}

class Parser {
  private i = 0

  constructor(
    private readonly tokens: Token[],
    private readonly end: number
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i]
  }

  parseOr(depth: number): SearchNode {
    const children = [this.parseAnd(depth)]
    for (let t = this.peek(); t?.type === 'or'; t = this.peek()) {
      this.i++
      if (!this.startsTerm(this.peek())) this.fail('Nothing after OR', t.pos)
      children.push(this.parseAnd(depth))
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children }
  }

  private parseAnd(depth: number): SearchNode {
    const children: SearchNode[] = []
    for (let t = this.peek(); t && t.type !== 'or' && t.type !== 'close'; t = this.peek()) {
      if (t.type === 'and') {
        if (children.length === 0) break
        this.i++
        if (!this.startsTerm(this.peek())) this.fail('Nothing after AND', t.pos)
        continue
      }
      children.push(this.parseUnary(depth))
    }
    if (children.length === 0) {
      const t = this.peek()
      const pos = t?.pos ?? this.end
      if (t?.type === 'or' || t?.type === 'and') this.fail(`Nothing before ${t.type.toUpperCase()}`, pos)
      this.fail('The search ends where a term was expected', pos)
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children }
  }

  // Negations are counted in a loop, not by recursion: "-----x" must not grow the stack.
  private parseUnary(depth: number): SearchNode {
    let negations = 0
    let t = this.peek()
    while (t?.type === 'not') {
      negations++
      this.i++
      const next = this.peek()
      if (!this.startsTerm(next)) this.fail('Nothing to leave out after "-"', t.pos)
      t = next
    }
    let node = this.parsePrimary(depth)
    for (let n = 0; n < negations; n++) node = { kind: 'not', child: node }
    return node
  }

  private parsePrimary(depth: number): SearchNode {
    const t = this.peek()!
    this.i++
    if (t.type === 'word') return parseTerm(t.raw, t.pos)
    if (t.type !== 'open') return this.fail('Unexpected token', t.pos)
    if (depth >= MAX_DEPTH) this.fail(`Parentheses nested more than ${MAX_DEPTH} deep`, t.pos)
    const next = this.peek()
    if (!next) this.fail(`Missing ")" for the "(" at character ${t.pos + 1}`, t.pos)
    if (next.type === 'close') this.fail('Empty parentheses', t.pos)
    const node = this.parseOr(depth + 1)
    if (this.peek()?.type !== 'close') this.fail(`Missing ")" for the "(" at character ${t.pos + 1}`, t.pos)
    this.i++
    return node
  }

  private startsTerm(t: Token | undefined): boolean {
    return t?.type === 'word' || t?.type === 'open' || t?.type === 'not'
  }

  private fail(message: string, position: number): never {
    throw new SearchSyntaxError(message.includes('character') ? message : `${message} (at character ${position + 1})`, position)
  }
}
