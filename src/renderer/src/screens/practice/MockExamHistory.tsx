import { Table } from '@components/Table'
import { ScoreSparkline } from '@screens/practice/ScoreSparkline'
import { useRecall } from '@store'

const SHOWN = 10

/** Past mock exams: a line of scores over time and the latest ones in a table. */
export function MockExamHistory() {
  const history = useRecall((s) => s.practice.history)
  const decks = useRecall((s) => s.library.decks)
  if (history.length === 0)
    return <p className="text-sm text-slate-500 dark:text-slate-400">No mock exams yet: your scores will show here.</p>
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
      <Table
        caption="Past mock exams, newest first"
        rows={latest}
        rowKey={(h) => h.id}
        columns={[
          { header: 'Date', cell: (h) => new Date(h.finishedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) },
          {
            header: 'Decks',
            className: 'max-w-48 truncate',
            cell: (h) => (
              <span title={h.deckIds.map(name).join(', ')}>
                {h.deckIds.length === decks.length ? 'All decks' : h.deckIds.map(name).join(', ')}
              </span>
            )
          },
          {
            header: 'Score',
            cell: (h) => (
              <>
                {h.score} %{' '}
                <span className="text-slate-500 dark:text-slate-400">
                  ({h.correct}/{h.total})
                </span>
              </>
            )
          },
          {
            header: 'Result',
            className: (h) => (h.passed ? 'text-green-700 dark:text-green-300' : 'text-red-700 dark:text-red-300'),
            cell: (h) => `${h.passed ? 'Passed' : 'Not passed'}${h.finishedBy === 'time' ? ' · time out' : ''}`
          }
        ]}
      />
    </div>
  )
}
