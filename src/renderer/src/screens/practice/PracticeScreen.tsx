import { useEffect, useRef } from 'react'
import { actions, useRecall } from '@store'
import { CustomStudySetup } from './CustomStudySetup'
import { CustomStudyView } from './CustomStudyView'
import { ExamResults } from './ExamResults'
import { ExamRunView } from './ExamRunView'
import { ExamSetup } from './ExamSetup'
import { McDeckList } from './McDeckList'
import { McSessionView } from './McSessionView'

/** Practice the way the exam asks: multiple choice, timed simulations, and custom study. */
export function PracticeScreen() {
  const view = useRecall((s) => {
    const v = s.practice.view
    // A view shows only once its session is ready.
    if (v === 'mc' && !s.mcSession) return 'home'
    if (v === 'custom' && !s.customSession) return 'home'
    if (v === 'exam' && !s.examRun) return 'home'
    return v
  })
  const examRunning = useRecall((s) => s.examRun?.status === 'running')

  if (view === 'mc') return <McSessionView />
  if (view === 'custom') return <CustomStudyView />
  if (view === 'exam') return examRunning ? <ExamRunView /> : <ExamResults />
  return <PracticeHome />
}

function PracticeHome() {
  const titleRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    void actions().openPractice()
    // Back from a session, whose buttons are gone: start from the top rather than from nowhere.
    if (document.activeElement === document.body) titleRef.current?.focus()
  }, [])
  return (
    <main className="flex flex-col gap-6" aria-labelledby="practice-title">
      <h1 id="practice-title" ref={titleRef} tabIndex={-1} className="text-2xl font-bold outline-none">
        Practice
      </h1>
      <McDeckList />
      <ExamSetup />
      <CustomStudySetup />
    </main>
  )
}

export default PracticeScreen
