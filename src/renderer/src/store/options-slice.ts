import { reasonOf } from '@core/errors'
import { DEFAULT_PRESET_ID, type Preset } from '@core/model'
import type { Evaluation } from '@core/optimizer/evaluate'
import { toForm, validateOptions, type OptionsErrors, type OptionsForm } from '@core/scheduling/options-validation'
import { createScheduler } from '@core/scheduling/scheduler'
import { getSettings, listPresets, presetIdOfDeck, savePresetForDeck, saveSetting } from '@db/options-repository'
import { hashText } from '@shared/deck/ids'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { default_w } from 'ts-fsrs'
import type { StateCreator } from 'zustand'

interface OptionsEditor {
  deckId: string
  presets: Preset[]
  presetId: string
  presetName: string
  form: OptionsForm
  errors: OptionsErrors
  dayStartsAtHour: string
  status: 'editing' | 'saving' | 'rescheduling'
  message?: string
}

interface OptimizerState {
  status: 'running' | 'ready' | 'failed'
  startedAt: number
  message?: string
  current?: readonly number[]
  proposed?: number[]
  before?: Evaluation
  after?: Evaluation
}

export interface OptionsSlice {
  optionsEditor: OptionsEditor | null
  optimizer: OptimizerState | null
  /** Fits FSRS parameters to the review history of every deck using this preset (not applied yet). */
  optimizeParameters(): Promise<void>
  /** Puts the proposed parameters into the preset being edited (saved with Save). */
  acceptOptimized(): void
  discardOptimized(): void
  openOptions(deckId: string): Promise<void>
  editOptions(patch: Partial<OptionsForm> & { dayStartsAtHour?: string; presetName?: string }): void
  choosePreset(presetId: string): void
  /** Saves the form into the chosen preset (or a new one) and points the deck at it. */
  saveOptions(asNewPreset?: boolean): Promise<boolean>
  /** Saves, then reschedules the deck's studied cards from their own history with the new parameters. */
  saveAndReschedule(): Promise<void>
}

export const createOptionsSlice =
  ({ db, now, platform }: StoreDeps): StateCreator<RecallState, [], [], OptionsSlice> =>
  (set, get) => {
    const editor = () => get().optionsEditor!
    const patch = (p: Partial<OptionsEditor>) => set({ optionsEditor: { ...editor(), ...p } })

    return {
      optionsEditor: null,
      optimizer: null,

      async optimizeParameters() {
        const current = editor()
        const base = current.presets.find((p) => p.id === current.presetId)!.options
        const currentW = base.w ?? default_w
        set({ optimizer: { status: 'running', startedAt: now() } })
        try {
          const settings = await getSettings(db)
          // The optimizer's code is fetched when it is used, not at start.
          const [{ decksUsingPreset, optimizerHistories }, { evaluateParameters }] = await Promise.all([
            import('@db/optimizer-repository'),
            import('@core/optimizer/evaluate')
          ])
          const deckIds = await decksUsingPreset(db, current.presetId, DEFAULT_PRESET_ID)
          const histories = await optimizerHistories(db, deckIds, settings.dayStartsAtHour)
          const result = await platform.optimizeParameters(histories)
          if (!result.ok) return set({ optimizer: { status: 'failed', startedAt: now(), message: result.message } })
          set({
            optimizer: {
              status: 'ready',
              startedAt: now(),
              current: currentW,
              proposed: result.w,
              before: evaluateParameters(currentW, histories),
              after: evaluateParameters(result.w, histories)
            }
          })
        } catch (error) {
          set({
            optimizer: {
              status: 'failed',
              startedAt: now(),
              message: `The optimizer could not run (${reasonOf(error)}). Your parameters are unchanged.`
            }
          })
        }
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
          }
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
          const presets = await listPresets(db)
          patch({ presets, presetId: id, status: 'editing', message: 'Saved.' })
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
          patch({ status: 'editing', message: `Rescheduled ${changed} studied card${changed === 1 ? '' : 's'} with the new parameters.` })
        } catch (error) {
          patch({ status: 'editing', message: `Rescheduling failed and nothing was changed (${reasonOf(error)}).` })
        }
      }
    }
  }
