import { createStore, useStore, type StoreApi } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { createAuthoringSlice, type AuthoringSlice } from './authoring-slice'
import { createBrowseSlice, type BrowseSlice } from './browse-slice'
import { createBackupSlice, type BackupSlice } from './backup-slice'
import { createDeckAdminSlice, type DeckAdminSlice } from './deck-admin-slice'
import { createImportSlice, type ImportSlice } from './import-slice'
import { createLibrarySlice, type LibrarySlice } from './library-slice'
import { createMaintenanceSlice, type MaintenanceSlice } from './maintenance-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createOptionsSlice, type OptionsSlice } from './options-slice'
import { createPracticeSlice, type PracticeSlice } from './practice-slice'
import { createPreferencesSlice, type PreferencesSlice } from './preferences-slice'
import { createStudySlice, type StudySlice } from './study-slice'
import { createStatsSlice, type StatsSlice } from './stats-slice'
import { createExamDatesSlice, type ExamDatesSlice } from './exam-slice'
import { createReminderSlice, type ReminderSlice } from './reminder-slice'
import type { StoreDeps } from './deps'

export type RecallState = NavigationSlice & LibrarySlice & ImportSlice & DeckAdminSlice & BackupSlice & StudySlice & OptionsSlice & PracticeSlice & PreferencesSlice & BrowseSlice & AuthoringSlice & StatsSlice & ExamDatesSlice & MaintenanceSlice & ReminderSlice
export type RecallStore = StoreApi<RecallState>

/** One store built from slices; components select narrow pieces of it. */
export function createRecallStore(deps: StoreDeps): RecallStore {
  return createStore<RecallState>()((...a) => ({
    ...createNavigationSlice()(...a),
    ...createBrowseSlice(deps)(...a),
    ...createAuthoringSlice(deps)(...a),
    ...createLibrarySlice(deps)(...a),
    ...createMaintenanceSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createDeckAdminSlice(deps)(...a),
    ...createBackupSlice(deps)(...a),
    ...createStudySlice(deps)(...a),
    ...createStatsSlice(deps)(...a),
    ...createExamDatesSlice(deps)(...a),
    ...createOptionsSlice(deps)(...a),
    ...createPracticeSlice(deps)(...a),
    ...createPreferencesSlice(deps)(...a),
    ...createReminderSlice(deps)(...a)
  }))
}

let appStore: RecallStore | null = null

export function setAppStore(store: RecallStore): void {
  appStore = store
}

function requireStore(): RecallStore {
  if (!appStore) throw new Error('the store is used before main.tsx created it')
  return appStore
}

export function useRecall<T>(selector: (state: RecallState) => T): T {
  return useStore(requireStore(), selector)
}

export function useRecallShallow<T>(selector: (state: RecallState) => T): T {
  return useStore(requireStore(), useShallow(selector))
}

/** Actions never change, so components can take them without subscribing to state. */
export function actions(): RecallState {
  return requireStore().getState()
}
