import { ChartSection } from '@components/charts/ChartSection'
import { Table } from '@components/Table'
import { percent } from '@core/format'
import type { AreaStats, ExamTaskStats } from '@core/stats/exam-tasks'

const columns = (what: string, weight: (a: AreaStats) => string) => [
  { header: what, rowHeader: true, cell: (a: AreaStats) => `${a.key} ${a.title}` },
  { header: 'Weight', cell: weight },
  { header: 'Cards', cell: (a: AreaStats) => a.cards.toLocaleString() },
  { header: 'Studied', cell: (a: AreaStats) => (a.cards === 0 ? '—' : percent(a.studied / a.cards)) },
  {
    header: 'Recall now',
    cell: (a: AreaStats) => (a.cards === 0 ? '—' : a.recall === undefined ? 'Not studied yet' : percent(a.recall))
  }
]

/** The cards by what the exam weighs: each guide's domains, and its task statements on demand. */
export function ExamTasksPanel({ exams }: { exams: ExamTaskStats[] }) {
  if (exams.length === 0) return null
  const summary = exams
    .map((e) => {
      const weakest = e.domains.filter((d) => d.cards > 0).sort((a, b) => (a.recall ?? 0) - (b.recall ?? 0))[0]
      return `${e.exam}: ${weakest ? `weakest domain ${weakest.key} ${weakest.title}` : 'no cards'}.`
    })
    .join(' ')
  return (
    <ChartSection id="exam-tasks" title="By exam domain and task statement" summary={summary}>
      <div className="flex flex-col gap-4" data-testid="exam-tasks">
        {exams.map((e) => (
          <section key={e.exam} aria-labelledby={`exam-tasks-${e.exam}`} className="flex flex-col gap-2">
            <h3 id={`exam-tasks-${e.exam}`} className="font-medium">
              {e.exam} · {e.name}
            </h3>
            <Table
              caption={`${e.exam} by domain`}
              testId={`exam-domains-${e.exam}`}
              rows={e.domains}
              rowKey={(d) => d.key}
              columns={columns('Domain', (d) => `${d.weight}%`)}
            />
            <details>
              <summary className="cursor-pointer text-sm">Task statements</summary>
              <Table
                caption={`${e.exam} by task statement`}
                testId={`exam-task-rows-${e.exam}`}
                rows={e.tasks}
                rowKey={(t) => t.key}
                columns={columns('Task statement', (t) => percent(t.weight))}
              />
            </details>
          </section>
        ))}
      </div>
    </ChartSection>
  )
}
