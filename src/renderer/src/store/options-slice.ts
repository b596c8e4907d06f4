import type { Evaluation } from '@core/optimizer/evaluate'
import type { OptionsErrors, OptionsForm } from '@core/scheduling/options-validation'
import type { WorkloadSweep } from '@core/simulation/optimal-retention'
import type { WorkloadForm, WorkloadFormErrors, WorkloadInputs } from '@core/simulation/workload-form'
import type { Preset } from '@core/model'
import { reasonOf } from '@core/errors'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { lazyActions, standIns } from '@store/lazy-actions'
import type { StateCreator } from 'zustand'

export interface OptionsEditor {
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

/** The workload simulator of the deck options: its inputs, its progress and the sweep it ran. */
export interface WorkloadState {
  form: WorkloadForm
  errors: WorkloadFormErrors
  status: 'idle' | 'running' | 'ready' | 'failed'
  /** Which run is current: a run that is no longer stops at its next step. */
  run: number
  /** 0 to 1 while running. */
  progress: number
  /** The inputs the sweep was run with. */
  inputs?: WorkloadInputs
  result?: WorkloadSweep
  message?: string
}

export interface OptimizerState {
  status: 'running' | 'ready' | 'failed' | 'cancelled'
  startedAt: number
  /** While running: reading the history, fitting the parameters, or comparing the two sets. */
  phase?: 'preparing' | 'training' | 'evaluating'
  /** The phase's progress from 0 to 1, when it is known (training reports it at each of its five passes). */
  progress?: number
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
  /** Stops waiting for a running optimization; the current parameters stay as they are. */
  cancelOptimize(): void
  openOptions(deckId: string): Promise<void>
  editOptions(patch: Partial<OptionsForm> & { dayStartsAtHour?: string; presetName?: string }): void
  choosePreset(presetId: string): void
  /** Saves the form into the chosen preset (or a new one) and points the deck at it. */
  saveOptions(asNewPreset?: boolean): Promise<boolean>
  /** Saves, then reschedules the deck's studied cards from their own history with the new parameters. */
  saveAndReschedule(): Promise<void>
  workload: WorkloadState | null
  editWorkload(patch: Partial<WorkloadForm>): void
  /**
   * Simulates the deck's next days at every desired retention from 0.70 to 0.97 and finds the
   * minimum recommended retention, a retention at a time with a pause between, so the page stays live.
   */
  simulateWorkload(): Promise<void>
}

export const createOptionsSlice =
  (deps: StoreDeps): StateCreator<RecallState, [], [], OptionsSlice> =>
  (set, get) => {
    // The editor, the optimizer and the simulator are fetched when the options first open.
    const later = lazyActions(
      () => import('@store/options-actions'),
      (code) => code.optionsActions(deps, set, get),
      (error) => {
        const editor = get().optionsEditor
        if (editor) set({ optionsEditor: { ...editor, status: 'editing', message: `Recall could not do that (${reasonOf(error)}).` } })
      }
    )
    return {
      optionsEditor: null,
      optimizer: null,
      workload: null,
      ...standIns(later, [
        'optimizeParameters',
        'acceptOptimized',
        'discardOptimized',
        'cancelOptimize',
        'openOptions',
        'editOptions',
        'choosePreset',
        'saveOptions',
        'saveAndReschedule',
        'editWorkload',
        'simulateWorkload'
      ])
    }
  }
