import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { ExamPlanCard } from '@screens/exam-plan/ExamPlanCard'
import { ExamPlanEditor } from '@screens/exam-plan/ExamPlanEditor'
import { actions, useRecall } from '@store'
import { useEffect } from 'react'

/** Exam dates: countdown, predicted recall and the work needed for each exam. Loaded on demand. */
export default function ExamPlanScreen() {
  const view = useRecall((s) => s.examPlan)

  useEffect(() => {
    if (actions().examPlan.status === 'idle') void actions().refreshExamPlan()
  }, [])

  return (
    <main className="flex flex-col gap-4" aria-labelledby="exam-title" aria-busy={view.status === 'loading'}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="exam-title" className="text-2xl font-bold">
          Exam plan
        </h1>
        {!view.editor && (
          <Button tone="primary" onClick={() => actions().newExamPlan()}>
            New exam
          </Button>
        )}
      </header>
      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {view.status === 'loading' ? 'Reading your exams…' : (view.notice ?? '')}
      </p>
      {view.error && <Alert>{view.error}</Alert>}
      <ExamPlanEditor />
      {view.status === 'ready' && view.entries.length === 0 && !view.editor && (
        <p className="text-slate-600 dark:text-slate-400">
          No exam yet. Add your exam date to see how many days are left, how much you would remember on the day, and what to revise.
        </p>
      )}
      {view.entries.map((entry) => (
        <ExamPlanCard key={entry.exam.id} entry={entry} />
      ))}
    </main>
  )
}
