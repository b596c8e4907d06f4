import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { ExamGuideSelect } from '@components/ExamGuideSelect'
import { FormField } from '@components/FormField'
import { MockExamHistory } from '@screens/practice/MockExamHistory'
import { PracticePanel } from '@screens/practice/PracticePanel'
import { hintClass, inputClass } from '@screens/practice/form'
import { blueprintOf } from '@shared/exam/blueprints'
import { actions, useRecall } from '@store'
import type { MockExamForm, MockExamFormErrors } from '@store/mock-exam-slice'

type NumberField = { key: keyof Omit<MockExamForm, 'excludedDeckIds'>; error: keyof MockExamFormErrors; label: string; suffix: string }

const FIELDS: NumberField[] = [
  { key: 'questionCount', error: 'questionCount', label: 'Questions', suffix: '' },
  { key: 'minutes', error: 'minutes', label: 'Minutes', suffix: 'min' },
  { key: 'passMark', error: 'passMark', label: 'Pass mark', suffix: '%' }
]

/** Settings of a timed exam simulation, and the history of past ones. */
export function MockExamSetup() {
  const form = useRecall((s) => s.practice.mockExamForm)
  const errors = useRecall((s) => s.practice.mockExamErrors)
  const decks = useRecall((s) => s.library.decks)
  const loading = useRecall((s) => s.library.status === 'loading' && s.library.decks.length === 0)
  const blueprint = form.exam ? blueprintOf(form.exam) : undefined
  return (
    <PracticePanel
      id="exam"
      title="Mock exam"
      hint={
        <>
          A timed exam as the guide describes it: its number of questions and minutes, each domain in its share, exam-style questions first,
          and a score on the exam's scale. Nothing here changes your schedule.
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault()
          void actions().startMockExam()
        }}
      >
        <FormField id="exam-guide" label="Exam">
          <ExamGuideSelect
            id="exam-guide"
            className="max-w-md"
            value={form.exam}
            none="Free-form: my own number of questions, minutes and pass mark"
            onChoose={(exam) => actions().editMockExamForm({ exam })}
          />
          {blueprint && (
            <p className={hintClass} data-testid="exam-delivery">
              {blueprint.delivery.questions} questions · {blueprint.delivery.minutes} minutes · pass at {blueprint.delivery.passingScore} of{' '}
              {blueprint.delivery.scoreRange[1]} · domains {blueprint.domains.map((d) => `${d.id} (${d.weight} %)`).join(', ')}
              {!blueprint.status.available && ' · this exam is no longer offered'}
              {!blueprint.delivery.confirmed && ' · figures as published by others: Recall could not read them on an AWS page'}
            </p>
          )}
        </FormField>
        <fieldset className="flex flex-col gap-1" aria-describedby={errors.decks ? 'exam-decks-error' : undefined}>
          <legend className="mb-1 font-medium">Decks</legend>
          {decks.map((deck) => (
            <label key={deck.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={!form.excludedDeckIds.includes(deck.id)}
                onChange={() => actions().toggleMockExamDeck(deck.id)}
              />
              {deck.name}
            </label>
          ))}
          {errors.decks && (
            <Alert kind="inline" id="exam-decks-error">
              {errors.decks}
            </Alert>
          )}
        </fieldset>
        <div className="flex flex-wrap gap-4" hidden={blueprint !== undefined}>
          {FIELDS.map((f) => (
            <div key={f.key} className="flex flex-col gap-1">
              <label htmlFor={`exam-${f.key}`} className="font-medium">
                {f.label}
              </label>
              <span className="flex items-center gap-2">
                <input
                  id={`exam-${f.key}`}
                  inputMode="numeric"
                  className={`${inputClass} w-24`}
                  value={form[f.key]}
                  aria-invalid={errors[f.error] ? true : undefined}
                  aria-describedby={errors[f.error] ? `exam-${f.key}-error` : undefined}
                  onChange={(e) => actions().editMockExamForm({ [f.key]: e.target.value })}
                />
                {f.suffix && <span className={hintClass}>{f.suffix}</span>}
              </span>
              {errors[f.error] && (
                <Alert kind="inline" id={`exam-${f.key}-error`} className="max-w-48">
                  {errors[f.error]}
                </Alert>
              )}
            </div>
          ))}
        </div>
        <div>
          <Button tone="primary" type="submit" disabled={loading}>
            Start mock exam
          </Button>
        </div>
      </form>
      <section aria-labelledby="history-title" className="flex flex-col gap-2">
        <h3 id="history-title" className="font-semibold">
          Past mock exams
        </h3>
        <MockExamHistory />
      </section>
    </PracticePanel>
  )
}
