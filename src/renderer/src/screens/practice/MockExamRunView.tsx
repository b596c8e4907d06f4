import { Button } from '@components/Button'
import { QuestionView } from '@components/question/QuestionView'
import { isAnswered, responseTo, timeLeftMs } from '@core/mock-exam/simulation'
import { ConfirmDialog } from '@screens/practice/ConfirmDialog'
import { mockExamCommandForKey } from '@screens/practice/mock-exam-keys'
import { MockExamTimer } from '@screens/practice/MockExamTimer'
import { useWindowKeys } from '@screens/practice/use-window-keys'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

/** One timed question at a time, as in the exam: answers can be changed until the end. */
export function MockExamRunView() {
  const run = useRecall((s) => s.mockExam)!
  const [confirming, setConfirming] = useState(false)
  const mainRef = useRef<HTMLElement>(null)
  const { exam, index } = run
  const question = exam.questions[index]!
  const answered = exam.questions.filter((_, i) => isAnswered(exam, i)).length
  const unanswered = exam.questions.length - answered
  const last = index === exam.questions.length - 1
  const go = (to: number) => void actions().goToMockExamQuestion(to)
  const choosable = question.shown.note.type === 'matching' ? 0 : question.shown.order.length

  useWindowKeys((press) => {
    const command = mockExamCommandForKey(press, choosable)
    if (!command) return false
    if (command.kind === 'answer') void actions().chooseMockExamOption(command.index)
    else if (command.kind === 'next') go(index + 1)
    else if (command.kind === 'previous') go(index - 1)
    else setConfirming(true)
    return true
  }, !confirming)
  useEffect(() => mainRef.current?.querySelector<HTMLElement>('[data-testid="question"]')?.focus(), [index])
  const passMark = exam.settings.exam ? `${exam.settings.exam}` : `pass mark ${exam.settings.passMarkPercent} %`

  return (
    <main ref={mainRef} className="flex grow basis-0 flex-col gap-3" aria-label="Mock exam">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">
          Question {index + 1} of {exam.questions.length}
          <span className="ms-2 text-sm font-normal text-slate-500 dark:text-slate-400">
            · {answered} answered · {passMark}
          </span>
        </h1>
        <MockExamTimer leftMs={timeLeftMs(exam, run.now)} running={run.status === 'running'} />
      </header>
      {run.notice && (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">{run.notice}</p>
      )}

      <nav aria-label="Questions" className="flex flex-wrap gap-1">
        {exam.questions.map((q, i) => (
          <button
            key={q.cardKey}
            type="button"
            onClick={() => go(i)}
            aria-current={i === index ? 'step' : undefined}
            aria-label={`Question ${i + 1}${isAnswered(exam, i) ? ', answered' : ''}`}
            className={`size-7 rounded text-xs tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-500 aria-[current=step]:ring-2 aria-[current=step]:ring-blue-600 dark:aria-[current=step]:ring-blue-300 ${
              isAnswered(exam, i)
                ? 'bg-blue-600 text-white dark:bg-blue-400 dark:text-slate-950'
                : 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200'
            }`}
          >
            {i + 1}
          </button>
        ))}
      </nav>

      <QuestionView
        key={index}
        shown={question.shown}
        response={responseTo(exam, index)}
        onChoose={(at) => void actions().chooseMockExamOption(at)}
        onMatch={(prompt, at) => void actions().matchMockExamItem(prompt, at)}
        fill
      />

      {/* Every action in one row under the question, which scrolls inside when it is long. */}
      <footer className="flex flex-wrap items-center gap-3">
        <Button disabled={index === 0} onClick={() => go(index - 1)} aria-keyshortcuts="P ArrowLeft">
          ← Previous <kbd className="ms-1 text-xs font-normal">P</kbd>
        </Button>
        <Button onClick={() => void actions().clearMockExamAnswer()} disabled={exam.responses[index] === null}>
          Clear answer
        </Button>
        <p className="mx-auto text-sm text-slate-600 dark:text-slate-400">A–H answer</p>
        {!last && (
          <Button onClick={() => setConfirming(true)} aria-keyshortcuts="Control+Enter">
            Finish exam <kbd className="ms-1 text-xs font-normal">Ctrl+Enter</kbd>
          </Button>
        )}
        {last ? (
          <Button tone="primary" onClick={() => setConfirming(true)} aria-keyshortcuts="Control+Enter">
            Finish <kbd className="ms-1 text-xs font-normal">Ctrl+Enter</kbd>
          </Button>
        ) : (
          <Button tone="primary" onClick={() => go(index + 1)} aria-keyshortcuts="N ArrowRight">
            Next → <kbd className="ms-1 text-xs font-normal">N</kbd>
          </Button>
        )}
      </footer>
      {confirming && (
        <ConfirmDialog
          title="Finish the mock exam?"
          confirmLabel="Finish and see my score"
          onConfirm={() => void actions().finishMockExam()}
          onClose={() => setConfirming(false)}
        >
          {unanswered > 0
            ? `${unanswered} question${unanswered === 1 ? ' is' : 's are'} not fully answered yet and will count as wrong.`
            : 'Every question has an answer. You cannot change them afterwards.'}
        </ConfirmDialog>
      )}
    </main>
  )
}
