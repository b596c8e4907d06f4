import { Table } from '@components/Table'
import type { MockExamResult } from '@core/model'
import type { ExamReadiness, TaskReadiness } from '@core/readiness/exam-readiness'
import { percent } from '@core/format'
import { shortDate } from '@core/time/format'

const GAPS: Record<NonNullable<TaskReadiness['gap']>, string> = {
  'no-cards': 'No cards: only guessing',
  'few-cards': 'Too few cards',
  unstudied: 'Not studied yet',
  'little-study': 'Little study so far'
}

const score = (x: number) => Math.round(x)

/**
 * The exam score predicted on the exam's guide, with its honest 90 % range and the chance of a
 * pass; mock exams of the same exam beside it; and each domain and task statement, with what
 * holds a task statement back (no cards, too few, too little study).
 */
export function ReadinessPanel({ readiness, mockExams, id }: { readiness: ExamReadiness; mockExams: MockExamResult[]; id: string }) {
  const { scaled, passingScore } = readiness
  const latest = mockExams.slice(-3)
  const gaps = readiness.tasks.filter((t) => t.gap)
  return (
    <section aria-labelledby={`${id}-readiness`} className="flex flex-col gap-3" data-testid="readiness">
      <h3 id={`${id}-readiness`} className="font-medium">
        Predicted {readiness.exam} score on exam day, from what you know today
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        What you would score if you studied nothing more: each review from now on raises it.
      </p>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Exam score (pass at {passingScore})</dt>
          <dd>
            <span className="text-2xl font-semibold tabular-nums" data-testid="predicted-score">
              {score(scaled.mean)}
            </span>{' '}
            <span className="text-sm text-slate-600 dark:text-slate-400">
              (90% range {score(scaled.low)}–{score(scaled.high)}) · chance to pass {percent(readiness.passChance)}
            </span>
          </dd>
        </div>
        <div className="rounded-md bg-slate-100 p-3 dark:bg-slate-900">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Your mock exams of {readiness.exam}</dt>
          <dd className="tabular-nums" data-testid="mock-scores">
            {latest.length === 0
              ? 'None yet: take one under Practice.'
              : latest.map((m) => `${m.scaledScore ?? '—'} (${shortDate(m.finishedAt)})`).join(' · ')}
          </dd>
        </div>
      </dl>
      <Table
        caption="By domain, as the exam weighs them"
        testId="readiness-domains"
        rows={readiness.domains}
        rowKey={(d) => d.id}
        columns={[
          { header: 'Domain', rowHeader: true, cell: (d) => `${d.id}. ${d.name}` },
          { header: 'Weight', cell: (d) => `${d.weight}%` },
          { header: 'Questions right', cell: (d) => percent(d.mean) },
          { header: 'Range (90%)', cell: (d) => `${percent(d.low)}–${percent(d.high)}` }
        ]}
      />
      <Table
        caption={`By task statement${gaps.length ? ` (${gaps.length} need work)` : ''}`}
        testId="readiness-tasks"
        rows={readiness.tasks}
        rowKey={(t) => t.key}
        columns={[
          { header: 'Task statement', rowHeader: true, cell: (t) => `${t.key.split(' ')[1]} ${t.title}` },
          { header: 'Cards', cell: (t) => `${t.studied}/${t.cards} studied` },
          { header: 'Questions right', cell: (t) => `${percent(t.mean)} (${percent(t.low)}–${percent(t.high)})` },
          {
            header: 'Needs',
            className: (t) => (t.gap ? 'font-medium text-red-700 dark:text-red-300' : ''),
            cell: (t) => (t.gap ? GAPS[t.gap] : '—')
          }
        ]}
      />
      <details className="text-sm text-slate-700 dark:text-slate-300">
        <summary className="cursor-pointer">How this is predicted</summary>
        <p className="mt-1">
          Each task statement counts as much as the exam guide gives it. Its questions are answered right with the chance your cards give on
          exam day: what FSRS predicts you recall, corrected by how your own answers have matched its predictions (
          {readiness.calibration.reviews.toLocaleString()} recent reviews), plus a lucky guess for what you forget (one in four for a single
          answer). A card never studied, and a task statement without cards, is only guessed. The range covers what is not known: how far
          FSRS is off for you, task statements with little evidence, and notes that are harder or easier than their task (both directions of
          a note together). The score scale is a straight line from the share right: AWS does not publish its scaling.
          {!readiness.delivery.confirmed &&
            ` The exam's ${readiness.delivery.scored} scored questions and passing score of ${readiness.passingScore} are as others publish them: Recall could not read them on an AWS page.`}
        </p>
      </details>
    </section>
  )
}
