import { Table } from '@components/Table'
import { ScoreSparkline } from '@screens/practice/ScoreSparkline'
import type { MockExamResult } from '@core/model'
import { blueprintOf } from '@shared/exam/blueprints'
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
      <DomainTrend history={history} />
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
          { header: 'Exam', cell: (h) => h.exam ?? 'Free-form' },
          {
            header: 'Score',
            cell: (h) => (
              <>
                {h.scaledScore !== undefined ? `${h.scaledScore} · ` : ''}
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

const TREND = 6

/** The latest exam's domains, each with its share right in the last mock exams of that exam, oldest first. */
function DomainTrend({ history }: { history: readonly MockExamResult[] }) {
  const exam = history.at(-1)?.exam
  const blueprint = exam ? blueprintOf(exam) : undefined
  if (!blueprint) return null
  const runs = history.filter((h) => h.exam === exam && h.byDomain).slice(-TREND)
  const share = (h: MockExamResult, domain: string) => {
    const d = h.byDomain!.find((x) => x.domain === domain)
    return d && d.total > 0 ? Math.round((100 * d.correct) / d.total) : undefined
  }
  return (
    <Table
      caption={`${exam}: share right by domain in the last ${runs.length === 1 ? 'mock exam' : `${runs.length} mock exams`}, oldest first`}
      rows={blueprint.domains}
      rowKey={(d) => d.id}
      columns={[
        { header: 'Domain', cell: (d) => `${d.id}. ${d.name} (${d.weight} %)` },
        {
          header: 'Trend',
          className: 'tabular-nums whitespace-nowrap',
          cell: (d) =>
            runs
              .map((h) => share(h, d.id))
              .map((p) => (p === undefined ? '–' : `${p} %`))
              .join(' → ')
        }
      ]}
    />
  )
}
