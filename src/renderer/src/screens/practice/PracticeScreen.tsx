import { CustomStudySetup } from '@screens/practice/CustomStudySetup'
import { CustomStudyView } from '@screens/practice/CustomStudyView'
import { McDeckList } from '@screens/practice/McDeckList'
import { McSessionView } from '@screens/practice/McSessionView'
import { MockExamResults } from '@screens/practice/MockExamResults'
import { MockExamRunView } from '@screens/practice/MockExamRunView'
import { MockExamSetup } from '@screens/practice/MockExamSetup'
import { actions, useRecall } from '@store'
import { useEffect, useRef } from 'react'

/** Practice the way the exam asks: multiple choice, timed mock exams, and custom study. */
function PracticeScreen() {
  const view = useRecall((s) => {
    const v = s.practice.view
    // A view shows only once its session is ready.
    if (v === 'mc' && !s.mcSession) return 'home'
    if (v === 'custom' && !s.customSession) return 'home'
    if (v === 'mock-exam' && !s.mockExam) return 'home'
    return v
  })
  const mockExamRunning = useRecall((s) => s.mockExam?.status === 'running')

  if (view === 'mc') return <McSessionView />
  if (view === 'custom') return <CustomStudyView />
  if (view === 'mock-exam') return mockExamRunning ? <MockExamRunView /> : <MockExamResults />
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
      <MockExamSetup />
      <CustomStudySetup />
    </main>
  )
}

export default PracticeScreen
