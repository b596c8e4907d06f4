import { useRecall } from '@store'
import { ScoreSparkline } from '@screens/practice/ScoreSparkline'

const SHOWN = 10

/** Past simulations: a line of scores over time and the latest ones in a table. */
export function MockExamHistory() {
  const history = useRecall((s) => s.practice.history)
  const decks = useRecall((s) => s.library.decks)
  if (history.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No mock exams yet: your scores will show here.</p>
  const name = (id: string) => decks.find((d) => d.id === id)?.name ?? id
  const latest = history.slice(-SHOWN).reverse()
  return (
    <div className="flex flex-col gap-3" data-testid="history">
      {history.length > 1 && (
        <figure className="flex flex-col gap-1">
          <ScoreSparkline history={history} passMark={history.at(-1)!.passMarkPercent} />
          <figcaption className="text-xs text-slate-600 dark:text-slate-400">Score over time; the dashed line is the pass mark.</figcaption>
        </figure>
      )}
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">Past mock exams, newest first</caption>
        <thead>
          <tr className="text-left">
            {['Date', 'Decks', 'Score', 'Result'].map((h) => (
              <th key={h} scope="col" className="pb-1 pr-3">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {latest.map((h) => (
            <tr key={h.id} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-3">{new Date(h.finishedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td className="max-w-48 truncate pr-3" title={h.deckIds.map(name).join(', ')}>
                {h.deckIds.length === decks.length ? 'All decks' : h.deckIds.map(name).join(', ')}
              </td>
              <td className="pr-3">
                {h.score} % <span className="text-slate-500 dark:text-slate-400">({h.correct}/{h.total})</span>
              </td>
              <td className={h.passed ? 'text-green-700 dark:text-green-300' : 'text-red-700 dark:text-red-300'}>
                {h.passed ? 'Passed' : 'Not passed'}
                {h.finishedBy === 'time' ? ' · time out' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
