import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

export type Screen =
  | { name: 'decks' }
  | { name: 'browse' }
  | { name: 'add' }
  | { name: 'study' }
  | { name: 'options'; deckId: string }
  | { name: 'practice' }
  | { name: 'stats' }
  | { name: 'exam-plan' }
  | { name: 'tools' }

export interface NavigationSlice {
  screen: Screen
  goTo(screen: Screen): void
}

export const createNavigationSlice = (): StateCreator<RecallState, [], [], NavigationSlice> => (set) => ({
  screen: { name: 'decks' },
  goTo: (screen) => set({ screen })
})
