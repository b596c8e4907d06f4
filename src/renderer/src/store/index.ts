import { createStore, useStore, type StoreApi } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { createBackupSlice, type BackupSlice } from './backup-slice'
import { createDeckAdminSlice, type DeckAdminSlice } from './deck-admin-slice'
import { createImportSlice, type ImportSlice } from './import-slice'
import { createLibrarySlice, type LibrarySlice } from './library-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import { createOptionsSlice, type OptionsSlice } from './options-slice'
import { createStudySlice, type StudySlice } from './study-slice'
import type { StoreDeps } from './deps'

export type RecallState = NavigationSlice & LibrarySlice & ImportSlice & DeckAdminSlice & BackupSlice & StudySlice & OptionsSlice
export type RecallStore = StoreApi<RecallState>

/** One store built from slices; components select narrow pieces of it. */
export function createRecallStore(deps: StoreDeps): RecallStore {
  return createStore<RecallState>()((...a) => ({
    ...createNavigationSlice()(...a),
    ...createLibrarySlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createDeckAdminSlice(deps)(...a),
    ...createBackupSlice(deps)(...a),
    ...createStudySlice(deps)(...a),
    ...createOptionsSlice(deps)(...a)
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
