import { Button } from '@components/Button'
import { ExamGuideSelect } from '@components/ExamGuideSelect'
import { FormField, inputClass } from '@components/FormField'
import { actions, useRecall } from '@store'
import type { KeyboardEvent } from 'react'

/** Creates or edits an exam. Esc cancels; each problem is shown under its field. */
export function ExamPlanEditor() {
  const editor = useRecall((s) => s.examPlan.editor)
  const decks = useRecall((s) => s.library.decks)
  const today = useRecall((s) => s.examPlan.today)
  if (!editor) return null
  const { form, errors } = editor
  // The ids FormField gives the hint and the error of the field whose input has `fieldId`.
  const described = (key: keyof typeof errors, fieldId: string) => ({
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${fieldId}-error` : `${fieldId}-hint`
  })
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      actions().cancelExamPlanEdit()
    }
  }
  const toggleDeck = (id: string, on: boolean) =>
    actions().changeExamPlan({ deckIds: on ? [...form.deckIds, id] : form.deckIds.filter((d) => d !== id) })

  return (
    // noValidate: the messages are ours, next to each field, rather than the browser's bubble.
    <form
      noValidate
      aria-labelledby="exam-form-title"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault()
        void actions().saveExamPlan()
      }}
      className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 dark:bg-slate-800 dark:ring-slate-700"
    >
      <h2 id="exam-form-title" className="text-lg font-semibold sm:col-span-2">
        {editor.id ? 'Edit exam' : 'New exam'}
      </h2>
      <FormField
        id="exam-name"
        label="Exam name"
        hint="For example “AWS Certified Machine Learning Engineer – Associate”."
        error={errors.name}
      >
        <input
          id="exam-name"
          autoFocus
          className={inputClass}
          value={form.name}
          onChange={(e) => actions().changeExamPlan({ name: e.target.value })}
          {...described('name', 'exam-name')}
        />
      </FormField>
      <FormField
        id="exam-guide"
        label="Exam guide"
        hint="Readiness is then predicted as this exam scores it: by its domains and task statements."
      >
        <ExamGuideSelect
          id="exam-guide"
          value={form.blueprint}
          none="None: recall over the decks’ cards"
          onChoose={(blueprint) => actions().changeExamPlan({ blueprint })}
        />
      </FormField>
      <FormField id="exam-date" label="Exam date" hint="Recall is predicted for 9 am that day." error={errors.date}>
        <input
          id="exam-date"
          type="date"
          className={inputClass}
          value={form.date}
          min={today || undefined}
          onChange={(e) => actions().changeExamPlan({ date: e.target.value })}
          {...described('date', 'exam-date')}
        />
      </FormField>
      <fieldset className="flex flex-col gap-1 sm:col-span-2" aria-describedby={errors.deckIds ? 'exam-deckIds-error' : undefined}>
        <legend className="font-medium">Decks the exam covers</legend>
        {decks.map((d) => (
          <label key={d.id} className="flex items-center gap-2">
            <input type="checkbox" checked={form.deckIds.includes(d.id)} onChange={(e) => toggleDeck(d.id, e.target.checked)} />
            {d.name}
          </label>
        ))}
        {errors.deckIds && (
          <p id="exam-deckIds-error" className="text-sm text-red-700 dark:text-red-300">
            {errors.deckIds}
          </p>
        )}
      </fieldset>
      <FormField
        id="exam-target"
        label="Target recall (%)"
        hint="The share of cards you aim to remember on exam day, 50 to 99."
        error={errors.targetRecall}
      >
        <input
          id="exam-target"
          inputMode="numeric"
          className={inputClass}
          value={form.targetRecall}
          onChange={(e) => actions().changeExamPlan({ targetRecall: e.target.value })}
          {...described('targetRecall', 'exam-target')}
        />
      </FormField>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            checked={form.examMode}
            aria-describedby="exam-mode-hint"
            onChange={(e) => actions().changeExamPlan({ examMode: e.target.checked })}
          />
          Exam mode
        </label>
        <p id="exam-mode-hint" className="text-xs text-slate-600 dark:text-slate-400">
          Reviews that FSRS would put on or after exam day are brought into the last week before it, so every card is seen again in time.
          Off means plain FSRS.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button tone="primary" type="submit" disabled={editor.saving}>
          Save exam
        </Button>
        <Button onClick={() => actions().cancelExamPlanEdit()}>Cancel</Button>
        <p role="status" className="text-sm text-red-700 dark:text-red-300">
          {editor.message}
        </p>
      </div>
    </form>
  )
}
