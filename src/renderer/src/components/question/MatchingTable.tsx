import { LETTERS } from '@components/question/letters'
import type { AnswerCheck, QuestionResponse, ShownQuestion } from '@core/questions/question'

interface Props {
  shown: ShownQuestion
  response: QuestionResponse
  check?: AnswerCheck
  onMatch: (prompt: number, at: number) => void
}

/** A matching question: each prompt with a list of the responses (shuffled, lettered); after the answer, each pair marked with the right one. */
export function MatchingTable({ shown, response, check, onMatch }: Props) {
  const { note } = shown
  if (note.type !== 'matching') return null
  return (
    <table className="w-full text-left text-base">
      <thead>
        <tr>
          <th scope="col" className="pb-2">
            Item
          </th>
          <th scope="col" className="pb-2">
            Match
          </th>
        </tr>
      </thead>
      <tbody>
        {note.pairs.map((pair, prompt) => {
          const id = `match-${note.id}-${prompt}`
          const chosen = response[prompt] ?? -1
          return (
            <tr key={pair.prompt} data-testid="pair" className="align-top">
              <th scope="row" className="py-1 pe-3 font-normal">
                <label htmlFor={id}>{pair.prompt}</label>
              </th>
              <td className="py-1">
                <select
                  id={id}
                  value={chosen}
                  disabled={check !== undefined}
                  onChange={(e) => onMatch(prompt, Number(e.target.value))}
                  className="w-full rounded border border-slate-300 bg-white p-1 dark:border-slate-600 dark:bg-slate-900"
                >
                  <option value={-1}>Choose…</option>
                  {shown.order.map((index, at) => (
                    <option key={index} value={at}>
                      {LETTERS[at]}. {note.pairs[index]!.response}
                    </option>
                  ))}
                </select>
                {check && (
                  <p className={check.marks[prompt] ? 'text-green-800 dark:text-green-300' : 'text-red-800 dark:text-red-300'}>
                    {check.marks[prompt] ? '✓ right' : `✗ the match is: ${pair.response}`}
                  </p>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
