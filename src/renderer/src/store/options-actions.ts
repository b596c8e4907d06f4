import { reasonOf } from '@core/errors'
import { plural } from '@core/format'
import { DEFAULT_PRESET_ID, type Preset } from '@core/model'
import type { SteppedEvaluation } from '@core/optimizer/evaluate'
import { toForm, validateOptions } from '@core/scheduling/options-validation'
import { createScheduler } from '@core/scheduling/scheduler'
import { validateWorkloadForm, workloadFormOf, type WorkloadFormErrors } from '@core/simulation/workload-form'
import { getSettings, listPresets, presetIdOfDeck, savePresetForDeck, saveSetting } from '@db/options-repository'
import { hashText } from '@shared/deck/ids'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import type { OptimizerState, OptionsEditor, OptionsSlice, WorkloadState } from '@store/options-slice'
import { default_w } from 'ts-fsrs'

/** Cards replayed per slice of the comparison: about 40 ms of work on an ordinary computer. */
const EVALUATION_SLICE_CARDS = 4000

const pauseForThePage = () => new Promise((resolve) => setTimeout(resolve, 0))

const evaluated = (before: SteppedEvaluation, after: SteppedEvaluation) =>
  before.total === 0 ? 1 : (before.done + after.done) / (before.total + after.total)

/** What the deck options do (options-slice.ts holds their state): fetched when the options first open. */
export type OptionsActions = Omit<OptionsSlice, 'optionsEditor' | 'optimizer' | 'workload'>

export function optionsActions({ db, now, platform }: StoreDeps, set: SetRecall, get: GetRecall): OptionsActions {
  const editor = () => get().optionsEditor!
  const patch = (p: Partial<OptionsEditor>) => set({ optionsEditor: { ...editor(), ...p } })
  const patchWorkload = (p: Partial<WorkloadState>) => set((s) => ({ workload: s.workload && { ...s.workload, ...p } }))
  let workloadRuns = 0
  let optimizerRuns = 0
  let stopOptimizer = () => {}

  return {
    async optimizeParameters() {
      if (get().optimizer?.status === 'running') return
      const current = editor()
      const base = current.presets.find((p) => p.id === current.presetId)!.options
      const currentW = base.w ?? default_w
      const run = ++optimizerRuns
      const controller = new AbortController()
      stopOptimizer = () => controller.abort()
      // A cancelled or newer run leaves the state alone: whatever arrives late is dropped.
      const live = () => optimizerRuns === run && !controller.signal.aborted
      const update = (p: Partial<OptimizerState>) => {
        if (live()) set((s) => ({ optimizer: s.optimizer && { ...s.optimizer, ...p } }))
      }
      set({ optimizer: { status: 'running', startedAt: now(), phase: 'preparing' } })
      try {
        const settings = await getSettings(db)
        // The optimizer's code is fetched when it is used, not at start.
        const [{ decksUsingPreset, optimizerHistories }, { startEvaluation }] = await Promise.all([
          import('@db/optimizer-repository'),
          import('@core/optimizer/evaluate')
        ])
        const deckIds = await decksUsingPreset(db, current.presetId, DEFAULT_PRESET_ID)
        const histories = await optimizerHistories(db, deckIds, settings.dayStartsAtHour)
        if (!live()) return
        update({ phase: 'training' })
        const result = await platform.optimizeParameters(histories, {
          signal: controller.signal,
          onProgress: ({ done, total }) => update({ progress: total > 0 ? done / total : undefined })
        })
        if (!live()) return
        if (!result.ok) return set({ optimizer: { status: 'failed', startedAt: now(), message: result.message } })
        // Comparing both sets replays every review twice: a slice of cards at a time, with a pause
        // between, so the page stays responsive and Cancel works here too.
        update({ phase: 'evaluating', progress: 0 })
        const before = startEvaluation(currentW, histories)
        const after = startEvaluation(result.w, histories)
        for (const evaluation of [before, after])
          for (let more = true; more;) {
            await pauseForThePage()
            if (!live()) return
            more = evaluation.step(EVALUATION_SLICE_CARDS)
            update({ progress: evaluated(before, after) })
          }
        set({
          optimizer: {
            status: 'ready',
            startedAt: now(),
            current: currentW,
            proposed: result.w,
            before: before.result(),
            after: after.result()
          }
        })
      } catch (error) {
        if (!live()) return
        set({
          optimizer: {
            status: 'failed',
            startedAt: now(),
            message: `The optimizer could not run (${reasonOf(error)}). Your parameters are unchanged.`
          }
        })
      }
    },

    cancelOptimize() {
      if (get().optimizer?.status !== 'running') return
      stopOptimizer()
      set({
        optimizer: {
          status: 'cancelled',
          startedAt: now(),
          message: platform.optimizerStops
            ? 'Optimizing was cancelled. Your current parameters are kept.'
            : 'Optimizing was cancelled. Your current parameters are kept. The desktop optimizer cannot be stopped midway: it finishes in the background (for up to a few minutes on a large history) and its result is dropped.'
        }
      })
    },

    acceptOptimized() {
      const proposed = get().optimizer?.proposed
      if (!proposed) return
      const current = editor()
      const presets = current.presets.map((p) => (p.id === current.presetId ? { ...p, options: { ...p.options, w: proposed } } : p))
      set({ optimizer: null })
      patch({ presets, message: 'New parameters ready: press Save (and reschedule if you like) to use them.' })
    },

    discardOptimized: () => set({ optimizer: null }),

    async openOptions(deckId) {
      const [presets, presetId, settings] = await Promise.all([listPresets(db), presetIdOfDeck(db, deckId), getSettings(db)])
      const preset = presets.find((p) => p.id === presetId) ?? presets.find((p) => p.id === DEFAULT_PRESET_ID)!
      set({
        screen: { name: 'options', deckId },
        optionsEditor: {
          deckId,
          presets,
          presetId: preset.id,
          presetName: preset.name,
          form: toForm(preset.options),
          errors: {},
          dayStartsAtHour: String(settings.dayStartsAtHour),
          status: 'editing'
        },
        workload: { form: workloadFormOf(preset.options), errors: {}, status: 'idle', run: ++workloadRuns, progress: 0 }
      })
    },

    editOptions({ dayStartsAtHour, presetName, ...form }) {
      const current = editor()
      patch({
        form: { ...current.form, ...form },
        ...(dayStartsAtHour !== undefined ? { dayStartsAtHour } : {}),
        ...(presetName !== undefined ? { presetName } : {}),
        message: undefined
      })
    },

    choosePreset(presetId) {
      const preset = editor().presets.find((p) => p.id === presetId)
      if (preset) patch({ presetId, presetName: preset.name, form: toForm(preset.options), errors: {}, message: undefined })
    },

    async saveOptions(asNewPreset = false) {
      const current = editor()
      const base = current.presets.find((p) => p.id === current.presetId)!.options
      const result = validateOptions(current.form, base)
      const hour = Number(current.dayStartsAtHour)
      const hourError = Number.isInteger(hour) && hour >= 0 && hour <= 23 ? undefined : 'Next day starts at must be an hour from 0 to 23'
      const nameError = current.presetName.trim() ? undefined : 'The preset needs a name'
      if ('errors' in result || hourError || nameError) {
        const errors = 'errors' in result ? result.errors : {}
        patch({ errors, message: [hourError, nameError].filter(Boolean).join('. ') || 'Please correct the fields marked in red.' })
        return false
      }
      const id = asNewPreset ? `preset-${hashText(`${current.presetName}:${now()}`)}` : current.presetId
      const preset: Preset = { id, name: current.presetName.trim(), options: result.options }
      patch({ status: 'saving', errors: {} })
      try {
        await savePresetForDeck(db, current.deckId, preset)
        await saveSetting(db, 'dayStartsAtHour', hour)
        // The statistics' days, summed under the hour before, are summed again in the background.
        get().prepareStatistics('idle')
        const presets = await listPresets(db)
        patch({ presets, presetId: id, status: 'editing', message: 'Saved.' })
        // The deck list's numbers follow the new limits and burying options (a failed count is not a failed save).
        await get()
          .refreshCounts()
          .catch(() => undefined)
        return true
      } catch (error) {
        patch({ status: 'editing', message: `Could not save the options (${reasonOf(error)}).` })
        return false
      }
    },

    async saveAndReschedule() {
      if (!(await get().saveOptions())) return
      const current = editor()
      const options = current.presets.find((p) => p.id === current.presetId)!.options
      patch({ status: 'rescheduling', message: 'Rescheduling cards from their review history…' })
      try {
        const { rescheduleDeck } = await import('@db/reschedule-repository')
        const changed = await rescheduleDeck(db, current.deckId, createScheduler(options, (await getSettings(db)).dayStartsAtHour), now())
        patch({ status: 'editing', message: `Rescheduled ${plural(changed, 'studied card')} with the new parameters.` })
      } catch (error) {
        patch({ status: 'editing', message: `Rescheduling failed and nothing was changed (${reasonOf(error)}).` })
      }
    },

    editWorkload(change) {
      const workload = get().workload
      if (!workload) return
      const errors = { ...workload.errors }
      for (const key of Object.keys(change)) delete errors[key as keyof WorkloadFormErrors]
      patchWorkload({ form: { ...workload.form, ...change }, errors, message: undefined })
    },

    async simulateWorkload() {
      const workload = get().workload
      if (!workload || workload.status === 'running') return
      const checked = validateWorkloadForm(workload.form)
      if ('errors' in checked) return patchWorkload({ errors: checked.errors, message: 'Please correct the fields marked in red.' })
      const { inputs } = checked
      const { deckId, presets, presetId } = editor()
      const options = presets.find((p) => p.id === presetId)!.options
      const run = ++workloadRuns
      const current = () => get().workload?.run === run && get().optionsEditor?.deckId === deckId
      patchWorkload({ status: 'running', run, progress: 0, errors: {}, message: undefined })
      try {
        // The simulator's code is fetched when it is used, not at start.
        const [{ loadDeckMemoryStates }, { simulatedDeckOf }, { startRetentionSweep }, settings] = await Promise.all([
          import('@db/workload-repository'),
          import('@core/simulation/simulated-deck'),
          import('@core/simulation/optimal-retention'),
          getSettings(db)
        ])
        const deck = simulatedDeckOf(await loadDeckMemoryStates(db, deckId), now(), settings.dayStartsAtHour)
        const sweep = startRetentionSweep(
          deck,
          {
            w: options.w ?? default_w,
            days: inputs.days,
            newCardsPerDay: inputs.newCardsPerDay,
            reviewsPerDay: inputs.reviewsPerDay,
            maximumInterval: options.maximum_interval,
            learningSteps: options.learning_steps,
            relearningSteps: options.relearning_steps
          },
          inputs.retention,
          // The same figures on every run for the same deck and inputs: the draws are seeded by the deck.
          Number.parseInt(hashText(deckId).slice(0, 6), 36) >>> 0
        )
        for (let more = true; more;) {
          await new Promise((resolve) => setTimeout(resolve, 0))
          if (!current()) return
          more = sweep.step()
          patchWorkload({ progress: sweep.done / sweep.total })
        }
        patchWorkload({ status: 'ready', progress: 1, inputs, result: sweep.result() })
      } catch (error) {
        if (current()) patchWorkload({ status: 'failed', message: `The simulation could not run (${reasonOf(error)}).` })
      }
    }
  }
}
