import { reasonOf } from '@core/errors'
import { planNewCards } from '@core/exam-plan/new-card-plan'
import { dateInputOf, toExamPlanForm, validateExamPlanForm, type ExamPlanForm, type ExamPlanFormErrors } from '@core/exam-plan/plan-form'
import type { ExamPlan } from '@core/model'
import { listExamPlans, putExamPlan, removeExamPlan } from '@db/exam-plan-repository'
import { getSettings } from '@db/options-repository'
import { recentMockExams } from '@db/practice-repository'
import { loadReadinessData } from '@db/readiness-repository'
import { blueprintOf } from '@shared/exam/blueprints'
import { default_w } from 'ts-fsrs'
import { mulberry32 } from '@core/practice/random'
import { hashText } from '@shared/deck/ids'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import { forecastExamParts, type ExamForecastParts } from '@store/exam-plan-forecast'
import type { ExamPlanEditorState, ExamPlanEntry, ExamPlanSlice, ExamPlanView } from '@store/exam-plan-slice'

const DEFAULT_TARGET_RECALL = '90'

/** What the exam plan does (exam-plan-slice.ts holds its state): fetched when the exam plan first opens. */
export type ExamPlanActions = Omit<ExamPlanSlice, 'examPlan' | 'warmExamPlan'>

export function examPlanActions({ db, now, appVersion }: StoreDeps, set: SetRecall, get: GetRecall): ExamPlanActions {
  /** Counts refreshes: an older one's figures, arriving late, are not painted over a newer one's. */
  let refreshes = 0
  const patch = (p: Partial<ExamPlanView>) => set((s) => ({ examPlan: { ...s.examPlan, ...p } }))
  const patchEditor = (p: Partial<ExamPlanEditorState>) =>
    set((s) => ({ examPlan: { ...s.examPlan, editor: s.examPlan.editor && { ...s.examPlan.editor, ...p } } }))

  async function forecastOf(exam: ExamPlan, parts: Promise<ExamForecastParts>): Promise<ExamPlanEntry> {
    try {
      // The readiness forecast is fetched with the exam screen, not at start.
      const [{ decks, figures: forecast }, { forecastReadiness }] = await Promise.all([parts, import('@core/readiness/exam-readiness')])
      const blueprint = exam.blueprint ? blueprintOf(exam.blueprint) : undefined
      if (!blueprint) return { exam, forecast }
      const w = decks[0]?.options.w ?? default_w
      const [data, history] = await Promise.all([loadReadinessData(db, exam, w), recentMockExams(db)])
      const readiness = forecastReadiness({
        blueprint,
        ...data,
        examAt: exam.date,
        w,
        // The same figures on every visit for the same collection: the draws are seeded by the exam.
        random: mulberry32(Number.parseInt(hashText(exam.id).slice(0, 6), 36) >>> 0)
      })
      return { exam, forecast, readiness, mockExams: history.filter((h) => h.exam === blueprint.exam) }
    } catch (error) {
      return { exam, forecast: null, error: `The forecast could not be computed (${reasonOf(error)}).` }
    }
  }

  /** The exam's simulated figures (kept, or from the worker: exam-plan-forecast.ts), or why they could not be had. */
  async function simulationOf(parts: Promise<ExamForecastParts>): Promise<Partial<ExamPlanEntry>> {
    try {
      return { simulation: await (await parts).simulation }
    } catch (error) {
      return { simulationError: `The study forecast could not be computed (${reasonOf(error)}).` }
    }
  }

  /** The entry with its new-card plan at `perDay` (as typed; a bad value keeps the text and says why). */
  function withNewCardPlan(entry: ExamPlanEntry, perDay: string, at: number, dayStartsAtHour: number): ExamPlanEntry {
    const { forecast } = entry
    if (!forecast) return entry
    const value = Number(perDay.trim())
    if (perDay.trim() === '' || !Number.isInteger(value) || value < 0 || value > 9999) {
      return { ...entry, newCards: { perDay, error: 'New cards a day must be a whole number from 0 to 9,999.' } }
    }
    const plan = planNewCards({
      unseen: forecast.unseen,
      perDay: value,
      studiedToday: forecast.newCardsStudiedToday,
      daysLeft: forecast.daysLeft,
      now: at,
      dayStartsAtHour
    })
    return { ...entry, newCards: { perDay, plan } }
  }

  return {
    async openExamPlan() {
      set({ screen: { name: 'exam-plan' } })
      await get().refreshExamPlan()
    },

    async refreshExamPlan() {
      const refresh = ++refreshes
      patch({ status: 'loading', error: undefined })
      try {
        const at = now()
        const [{ dayStartsAtHour }, exams] = await Promise.all([getSettings(db), listExamPlans(db)])
        const entries: ExamPlanEntry[] = []
        // Each exam's changed decks read once: the worker gets a copy of their columns and
        // simulates while this thread works out and paints the rest.
        const parts = exams.map((exam) => forecastExamParts(db, exam, at, dayStartsAtHour, appVersion))
        const simulations = parts.map(simulationOf)
        for (const [i, exam] of exams.entries()) {
          const entry = await forecastOf(exam, parts[i]!)
          // X stays as the user typed it across refreshes; at first it is the decks' limits added up.
          const typed = get().examPlan.entries.find((e) => e.exam.id === exam.id)?.newCards?.perDay
          entries.push(withNewCardPlan(entry, typed ?? String(entry.forecast?.newCardsPerDayAllowed ?? ''), at, dayStartsAtHour))
        }
        if (refresh !== refreshes) return
        // The plan and every figure of one pass over the cards are painted now, the simulation's when it arrives.
        patch({ status: 'ready', entries, dayStartsAtHour, today: dateInputOf(at, dayStartsAtHour) })
        await Promise.all(
          entries.map(async ({ exam, forecast }, i) => {
            const simulated = await simulations[i]!
            if (!forecast || refresh !== refreshes) return
            set((s) => ({
              examPlan: { ...s.examPlan, entries: s.examPlan.entries.map((e) => (e.exam.id === exam.id ? { ...e, ...simulated } : e)) }
            }))
          })
        )
      } catch (error) {
        patch({ status: 'failed', error: `Your exams could not be read (${reasonOf(error)}).` })
      }
    },

    newExamPlan() {
      // A new exam follows the AI Practitioner guide and covers the built-in decks.
      const builtin = get()
        .library.decks.filter((d) => d.origin === 'builtin')
        .map((d) => d.id)
      const form: ExamPlanForm = {
        name: '',
        date: '',
        deckIds: builtin,
        blueprint: 'AIF-C01',
        examMode: true,
        targetRecall: DEFAULT_TARGET_RECALL
      }
      patch({ editor: { id: null, form, errors: {}, saving: false }, notice: undefined })
    },

    editExamPlan(id) {
      const entry = get().examPlan.entries.find((e) => e.exam.id === id)
      if (!entry) return
      patch({
        editor: { id, form: toExamPlanForm(entry.exam, get().examPlan.dayStartsAtHour), errors: {}, saving: false },
        notice: undefined
      })
    },

    changeExamPlan(change) {
      const editor = get().examPlan.editor
      if (!editor) return
      // A field's message goes once the field is changed; the others stay until the next save.
      const errors = { ...editor.errors }
      for (const key of Object.keys(change)) delete errors[key as keyof ExamPlanFormErrors]
      patchEditor({ form: { ...editor.form, ...change }, errors, message: undefined })
    },

    cancelExamPlanEdit: () => patch({ editor: null }),

    async saveExamPlan() {
      const editor = get().examPlan.editor
      if (!editor || editor.saving) return false
      const at = now()
      const { dayStartsAtHour } = await getSettings(db)
      const result = validateExamPlanForm(editor.form, { now: at, dayStartsAtHour })
      if ('errors' in result) {
        patchEditor({ errors: result.errors, message: 'Please correct the fields marked in red.' })
        return false
      }
      const exam: ExamPlan = { id: editor.id ?? `exam-${hashText(`${result.exam.name}:${at}`)}`, ...result.exam }
      patchEditor({ saving: true, errors: {} })
      try {
        await putExamPlan(db, exam)
      } catch (error) {
        patchEditor({ saving: false, message: `The exam was not saved (${reasonOf(error)}).` })
        return false
      }
      patch({ editor: null, notice: `Exam “${exam.name}” saved.` })
      await get().refreshExamPlan()
      return true
    },

    async deleteExamPlan(id) {
      const entry = get().examPlan.entries.find((e) => e.exam.id === id)
      try {
        await removeExamPlan(db, id)
      } catch (error) {
        patch({ error: `The exam was not deleted (${reasonOf(error)}).` })
        return
      }
      patch({ notice: `Exam “${entry?.exam.name ?? id}” deleted.`, ...(get().examPlan.editor?.id === id ? { editor: null } : {}) })
      await get().refreshExamPlan()
    },

    planExamNewCards(id, perDay) {
      const { entries, dayStartsAtHour } = get().examPlan
      patch({ entries: entries.map((e) => (e.exam.id === id ? withNewCardPlan(e, perDay, now(), dayStartsAtHour) : e)) })
    }
  }
}
