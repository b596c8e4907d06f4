import type { StateCreator } from 'zustand'
import { hashText } from '@shared/deck/ids'
import type { ExamDecksForecast } from '@core/exam/exam-decks-forecast'
import { dateInputOf, toExamDateForm, validateExamDateForm, type ExamDateForm, type ExamDateFormErrors } from '@core/exam/exam-form'
import { deleteExam, listExams, loadExamDecks, saveExam } from '@db/exam-repository'
import { getSettings } from '@db/options-repository'
import type { ExamRecord } from '@db/records'
import type { StoreDeps } from './deps'
import type { RecallState } from './index'
import { describe } from './library-slice'

export interface ExamDateEntry {
  exam: ExamRecord
  forecast: ExamDecksForecast | null
  error?: string
}

export interface ExamDateEditor {
  /** null while creating a new exam. */
  id: string | null
  form: ExamDateForm
  errors: ExamDateFormErrors
  saving: boolean
  message?: string
}

export interface ExamDatesView {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  entries: ExamDateEntry[]
  editor: ExamDateEditor | null
  dayStartsAtHour: number
  /** Today's date for the date input's lower bound (`YYYY-MM-DD`). */
  today: string
  /** A short confirmation ("Exam saved."), read out by the screen's status line. */
  notice?: string
  error?: string
}

export interface ExamDatesSlice {
  examDates: ExamDatesView
  openExamDates(): Promise<void>
  refreshExamDates(): Promise<void>
  newExamDate(): void
  editExamDate(id: string): void
  changeExamDate(patch: Partial<ExamDateForm>): void
  cancelExamDateEdit(): void
  /** Validates and saves the form; false leaves the editor open with a message by each bad field. */
  saveExamDate(): Promise<boolean>
  deleteExamDate(id: string): Promise<void>
}

export const DEFAULT_TARGET_RECALL = '90'

export const createExamDatesSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], ExamDatesSlice> =>
  (set, get) => {
    const patch = (p: Partial<ExamDatesView>) => set((s) => ({ examDates: { ...s.examDates, ...p } }))
    const patchEditor = (p: Partial<ExamDateEditor>) => set((s) => ({ examDates: { ...s.examDates, editor: s.examDates.editor && { ...s.examDates.editor, ...p } } }))

    async function forecastOf(exam: ExamRecord, at: number, dayStartsAtHour: number): Promise<ExamDateEntry> {
      try {
        // The forecast's simulation is fetched with the exam screen, not at start.
        const [decks, { forecastExamDecks }] = await Promise.all([loadExamDecks(db, exam, at, dayStartsAtHour), import('@core/exam/exam-decks-forecast')])
        return { exam, forecast: forecastExamDecks(decks, { now: at, examDate: exam.date, dayStartsAtHour, targetRecall: exam.targetRecall }) }
      } catch (error) {
        return { exam, forecast: null, error: `The forecast could not be computed (${describe(error)}).` }
      }
    }

    return {
      examDates: { status: 'idle', entries: [], editor: null, dayStartsAtHour: 4, today: '' },

      async openExamDates() {
        set({ screen: { name: 'exam' } })
        await get().refreshExamDates()
      },

      async refreshExamDates() {
        patch({ status: 'loading', error: undefined })
        try {
          const at = now()
          const { dayStartsAtHour } = await getSettings(db)
          const entries: ExamDateEntry[] = []
          for (const exam of await listExams(db)) entries.push(await forecastOf(exam, at, dayStartsAtHour))
          patch({ status: 'ready', entries, dayStartsAtHour, today: dateInputOf(at, dayStartsAtHour) })
        } catch (error) {
          patch({ status: 'failed', error: `Your exams could not be read (${describe(error)}).` })
        }
      },

      newExamDate() {
        // A new exam covers the built-in decks: the three decks of the AWS ML exams.
        const builtin = get().library.decks.filter((d) => d.origin === 'builtin').map((d) => d.id)
        const form: ExamDateForm = { name: '', date: '', deckIds: builtin, examMode: true, targetRecall: DEFAULT_TARGET_RECALL }
        patch({ editor: { id: null, form, errors: {}, saving: false }, notice: undefined })
      },

      editExamDate(id) {
        const entry = get().examDates.entries.find((e) => e.exam.id === id)
        if (!entry) return
        patch({ editor: { id, form: toExamDateForm(entry.exam, get().examDates.dayStartsAtHour), errors: {}, saving: false }, notice: undefined })
      },

      changeExamDate(change) {
        const editor = get().examDates.editor
        if (!editor) return
        // A field's message goes once the field is changed; the others stay until the next save.
        const errors = { ...editor.errors }
        for (const key of Object.keys(change)) delete errors[key as keyof ExamDateFormErrors]
        patchEditor({ form: { ...editor.form, ...change }, errors, message: undefined })
      },

      cancelExamDateEdit: () => patch({ editor: null }),

      async saveExamDate() {
        const editor = get().examDates.editor
        if (!editor || editor.saving) return false
        const at = now()
        const { dayStartsAtHour } = await getSettings(db)
        const result = validateExamDateForm(editor.form, { now: at, dayStartsAtHour })
        if ('errors' in result) {
          patchEditor({ errors: result.errors, message: 'Please correct the fields marked in red.' })
          return false
        }
        const exam: ExamRecord = { id: editor.id ?? `exam-${hashText(`${result.exam.name}:${at}`)}`, ...result.exam }
        patchEditor({ saving: true, errors: {} })
        try {
          await saveExam(db, exam)
        } catch (error) {
          patchEditor({ saving: false, message: `The exam was not saved (${describe(error)}).` })
          return false
        }
        patch({ editor: null, notice: `Exam “${exam.name}” saved.` })
        await get().refreshExamDates()
        return true
      },

      async deleteExamDate(id) {
        const entry = get().examDates.entries.find((e) => e.exam.id === id)
        try {
          await deleteExam(db, id)
        } catch (error) {
          patch({ error: `The exam was not deleted (${describe(error)}).` })
          return
        }
        patch({ notice: `Exam “${entry?.exam.name ?? id}” deleted.`, ...(get().examDates.editor?.id === id ? { editor: null } : {}) })
        await get().refreshExamDates()
      }
    }
  }
