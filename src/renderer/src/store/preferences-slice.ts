import { reasonOf } from '@core/errors'
import type { ThemePreference } from '@core/model'
import { readPreferences, saveTheme, saveWelcomeSeen, type Preferences } from '@db/preferences-repository'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

export interface PreferencesSlice {
  preferences: Preferences & {
    /** False until the settings table has been read: the welcome must not flash open before that. */
    loaded: boolean
    /** A save that failed; the choice still applies until Recall closes. */
    error?: string
  }
  shortcutSheetOpen: boolean
  /**
   * Reads the saved preferences. `remembered` is what this window's localStorage mirror holds
   * (written for the first paint, before IndexedDB answers): its theme is only used until the
   * settings table answers, but a welcome it remembers as seen stays seen — closing the welcome is
   * a one-way step, and a copy that says so is enough.
   */
  loadPreferences(remembered?: Partial<Preferences>): Promise<void>
  setTheme(theme: ThemePreference): Promise<void>
  dismissWelcome(): Promise<void>
  openShortcutSheet(): void
  closeShortcutSheet(): void
}

export const createPreferencesSlice =
  ({ db }: StoreDeps): StateCreator<RecallState, [], [], PreferencesSlice> =>
  (set, get) => {
    const patch = (p: Partial<PreferencesSlice['preferences']>) => set((s) => ({ preferences: { ...s.preferences, ...p } }))

    return {
      preferences: { theme: 'system', welcomeSeen: false, loaded: false },
      shortcutSheetOpen: false,

      async loadPreferences(remembered = {}) {
        if (remembered.theme) patch({ theme: remembered.theme })
        try {
          const saved = await readPreferences(db)
          const welcomeSeen = saved.welcomeSeen || remembered.welcomeSeen === true
          patch({ theme: saved.theme, welcomeSeen, loaded: true })
          if (welcomeSeen && !saved.welcomeSeen) await saveWelcomeSeen(db)
        } catch (error) {
          // Without the settings table, say nothing rather than greet someone who has seen it all.
          patch({ welcomeSeen: true, loaded: true, error: `Could not read your preferences (${reasonOf(error)}).` })
        }
      },

      async setTheme(theme) {
        patch({ theme, error: undefined })
        try {
          await saveTheme(db, theme)
        } catch (error) {
          patch({ error: `The theme applies now but could not be saved (${reasonOf(error)}).` })
        }
      },

      async dismissWelcome() {
        if (get().preferences.welcomeSeen) return
        patch({ welcomeSeen: true })
        try {
          await saveWelcomeSeen(db)
        } catch (error) {
          patch({ error: `Could not save that the welcome was read (${reasonOf(error)}); it may show again.` })
        }
      },

      openShortcutSheet: () => set({ shortcutSheetOpen: true }),
      closeShortcutSheet: () => set({ shortcutSheetOpen: false })
    }
  }
