import type { QuestionResponse, ShownQuestion } from '@core/questions/question'

/** The right answer to a question as shown, worked out from its note (not from the code that checks it). */
export function rightResponse(shown: ShownQuestion): QuestionResponse {
  const { note, order } = shown
  switch (note.type) {
    case 'single':
    case 'multiple':
      return order.flatMap((index, at) => (note.options[index]!.correct ? [at] : []))
    case 'ordering':
    case 'matching':
      return order.map((_, i) => order.indexOf(i))
  }
}

/** A complete answer that is wrong in one part. */
export function wrongResponse(shown: ShownQuestion): QuestionResponse {
  const right = [...rightResponse(shown)]
  const { note, order } = shown
  if (note.type === 'single' || note.type === 'multiple') {
    const wrong = order.findIndex((index) => !note.options[index]!.correct)
    return [...right.slice(1), wrong].sort((a, b) => a - b)
  }
  ;[right[0], right[1]] = [right[1]!, right[0]!]
  return right
}
