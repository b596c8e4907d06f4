import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import { deckSchema, type Deck } from '@shared/deck/schema'
import { lineAt, normaliseText } from '@shared/deck/text-lines'
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser'
import type { z } from 'zod'

/** Parses and validates a native deck file; every problem names the file, line, card and field. */
export function parseNativeDeck(rawText: string, file: string): ImportResult<Deck> {
  const text = normaliseText(rawText)
  const syntaxErrors: ParseError[] = []
  const tree = parseTree(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true })
  if (syntaxErrors.length > 0 || !tree) {
    const first = syntaxErrors[0]
    return {
      problems: [
        {
          file,
          line: first ? lineAt(text, first.offset) : 1,
          message: first ? `invalid JSON: ${describeSyntaxError(first)}` : 'invalid JSON: the file is empty'
        }
      ]
    }
  }
  const result = deckSchema.safeParse(JSON.parse(text))
  if (result.success) return { deck: result.data, problems: [] }
  return {
    problems: result.error.issues.map((issue) => locateIssue(issue, text, tree, file))
  }
}

function locateIssue(issue: z.core.$ZodIssue, text: string, tree: ReturnType<typeof parseTree>, file: string): DeckProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  const problem: DeckProblem = { file, message: issue.message }
  if (path[0] === 'cards' && typeof path[1] === 'number') {
    problem.card = path[1] + 1
    if (path.length > 2) problem.field = path.slice(2).join('.')
  } else if (path.length > 0) {
    problem.field = path.join('.')
  }
  if (issue.code === 'unrecognized_keys') problem.message = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  if (tree) {
    // Walk up the path until a node exists (a missing field is reported on its object).
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n))
      if (node) {
        problem.line = lineAt(text, node.offset)
        break
      }
    }
  }
  return problem
}

function describeSyntaxError(error: ParseError): string {
  const code = printParseErrorCode(error.error)
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}
