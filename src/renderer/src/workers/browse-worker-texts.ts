import { fromTerms, type SearchNode } from '@core/search/ast'
import type { DeckColumns } from '@core/search/columns'
import type { SearchText } from '@core/search/compile'
import { TextColumn } from '@core/search/text-column'
import { markFold, packedMatcher, type Fold } from '@core/search/text-pattern'

/**
 * The fields' text as a search reads it, per deck block: folded once, kept until the block changes.
 * Only the folded texts that differ from the typed ones are kept (most card text has nothing to
 * fold), or all of them packed when many differ; a field not found is its typed text.
 */
export interface BlockTexts {
  plain: Folded
  noMarks?: Folded
}
type Folded = Map<number, string> | TextColumn

/**
 * Every text of a column folded: the ones the fold changes, by index, or when they are more than
 * one in sixteen, every one packed (so that text with many line breaks costs no more heap than the
 * column itself).
 */
export function foldedOf(texts: TextColumn, fold: Fold): Folded {
  const differ = new Map<number, string>()
  for (let k = 0; k < texts.length; k++) {
    const typed = texts.get(k)
    const folded = fold(typed)
    if (folded !== typed) differ.set(k, folded)
  }
  if (differ.size * 16 <= texts.length) return differ
  return TextColumn.of(Array.from({ length: texts.length }, (_, k) => differ.get(k) ?? texts.get(k)))
}

/**
 * Card i's text, written into `text`: one object for the whole search rather than one per card.
 * The predicate reads it before the next card is asked for, and finds `noMarks` filled whenever
 * the search has an `nc:` term (`textsOf`), so it never keeps one of its own on it.
 */
export function textAt(columns: DeckColumns, i: number, texts: BlockTexts, text: SearchText): SearchText {
  const noMarks = texts.noMarks ? (text.noMarks ??= ['', '', '']) : undefined
  for (let f = 0; f < 3; f++) {
    const k = 3 * i + f
    const typed = columns.texts.get(k)
    text.typed[f] = typed
    text.plain[f] = texts.plain.get(k) ?? typed
    if (noMarks) noMarks[f] = texts.noMarks!.get(k) ?? typed
  }
  return text
}

/** Whether a search reads the cards' text, and their text without accents (`nc:`). */
export function textNeeds(node: SearchNode): { text: boolean; marks: boolean } {
  switch (node.kind) {
    case 'text':
    case 'word':
    case 'regex':
      return { text: true, marks: false }
    case 'nc':
      return { text: true, marks: true }
    case 'and':
    case 'or': {
      const parts = node.children.map(textNeeds)
      return { text: parts.some((p) => p.text), marks: parts.some((p) => p.marks) }
    }
    case 'not':
      return textNeeds(node.child)
    default:
      return { text: false, marks: false }
  }
}

/** A free-text term (`text`, `nc:`) that a deck's packed texts can answer whole, with its expression. */
interface WholeTerm {
  node: SearchNode
  re: RegExp
  marks: boolean
  /** Whether every card found must match it: the search is this term, or an `and` of it and others. */
  needed: boolean
}

/**
 * The free-text terms of a search that can be answered by searching each deck's texts as one
 * string (`packedMatcher`: no `*`); `w:` and `re:` terms, and the rest, are asked card by card.
 */
export function wholeTerms(node: SearchNode): WholeTerm[] {
  const needed = new Set(node.kind === 'and' ? node.children : [node])
  return fromTerms(node, (term) => {
    if (term.kind !== 'text' && term.kind !== 'nc') return []
    const marks = term.kind === 'nc'
    const re = marks ? packedMatcher(term.pattern, markFold) : packedMatcher(term.pattern)
    return re ? [{ node: term, re, marks, needed: needed.has(term) }] : []
  })
}

/** What `foundWhole` answers for a deck. */
export interface FoundWhole {
  /** Which cards each term finds (1 at card i); a term missing is asked card by card. */
  found: Map<SearchNode, Uint8Array>
  /** The cards every needed term found (1 at card i), when there is one: no other card can match. */
  candidates?: Uint8Array
}

/**
 * Which of a deck's cards each term finds, searched in the deck's packed texts: the typed column
 * with the texts that fold differently matched apart, or the folded column itself. A needed term
 * after the first is searched only in the cards the ones before it found (`a b` reads b's text only
 * where a is), so its answer says nothing of the other cards: the `and` has failed there already.
 */
export function foundWhole(terms: readonly WholeTerm[], columns: DeckColumns, texts: BlockTexts): FoundWhole {
  const found = new Map<SearchNode, Uint8Array>()
  let candidates: Uint8Array | undefined
  for (const { node, re, marks, needed } of terms) {
    const folded = marks ? texts.noMarks! : texts.plain
    const hits = new Uint8Array(columns.ids.length)
    const only = needed ? candidates : undefined
    const searched =
      folded instanceof TextColumn ? folded.markMatches(re, hits, 3, undefined, only) : columns.texts.markMatches(re, hits, 3, folded, only)
    if (!searched) continue
    found.set(node, hits)
    if (needed) candidates = hits
  }
  return { found, candidates }
}
