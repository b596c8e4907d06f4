import { createAuthoringSlice, type AuthoringSlice } from '@store/authoring-slice'
import { createBackupSlice, type BackupSlice } from '@store/backup-slice'
import { createBrowseSlice } from '@store/browse-slice'
import { type BrowseSlice } from '@store/browse-state'
import { createDeckAdminSlice, type DeckAdminSlice } from '@store/deck-admin-slice'
import type { StoreDeps } from '@store/deps'
import { createExamPlanSlice, type ExamPlanSlice } from '@store/exam-plan-slice'
import { createImportSlice, type ImportSlice } from '@store/import-slice'
import { createLibrarySlice, type LibrarySlice } from '@store/library-slice'
import { createMaintenanceSlice, type MaintenanceSlice } from '@store/maintenance-slice'
import { createMockExamSlice, type MockExamSlice } from '@store/mock-exam-slice'
import { createNavigationSlice, type NavigationSlice } from '@store/navigation-slice'
import { createOptionsSlice, type OptionsSlice } from '@store/options-slice'
import { createCustomSlice, type CustomSlice } from '@store/practice-custom-slice'
import { createMcSlice, type McSlice } from '@store/practice-mc-slice'
import { createPracticeSlice, type PracticeSlice } from '@store/practice-slice'
import { createPreferencesSlice, type PreferencesSlice } from '@store/preferences-slice'
import { createReminderSlice, type ReminderSlice } from '@store/reminder-slice'
import { createStatsSlice, type StatsSlice } from '@store/stats-slice'
import { createStudySlice, type StudySlice } from '@store/study-slice'
import { createSyncSlice, type SyncSlice } from '@store/sync-slice'
import { createMediaSlice, type MediaSlice } from '@store/media-slice'
import { createStore, useStore, type StoreApi } from 'zustand'
import { useShallow } from 'zustand/react/shallow'

export type RecallState = NavigationSlice &
  LibrarySlice &
  ImportSlice &
  DeckAdminSlice &
  BackupSlice &
  StudySlice &
  OptionsSlice &
  PracticeSlice &
  McSlice &
  MockExamSlice &
  CustomSlice &
  PreferencesSlice &
  BrowseSlice &
  AuthoringSlice &
  StatsSlice &
  ExamPlanSlice &
  MaintenanceSlice &
  ReminderSlice &
  MediaSlice &
  SyncSlice
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
    ...createExamPlanSlice(deps)(...a),
    ...createOptionsSlice(deps)(...a),
    ...createPracticeSlice(deps)(...a),
    ...createMcSlice(deps)(...a),
    ...createMockExamSlice(deps)(...a),
    ...createCustomSlice(deps)(...a),
    ...createPreferencesSlice(deps)(...a),
    ...createReminderSlice(deps)(...a),
    ...createMediaSlice(deps)(...a),
    ...createSyncSlice(deps)(...a)
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
