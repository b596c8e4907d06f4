import type { ThemePreference } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { getSettings, saveSetting } from '@db/options-repository'

/** How the app looks and whether the first-run welcome was closed: rows of the settings table. */
export interface Preferences {
  theme: ThemePreference
  welcomeSeen: boolean
}

const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark']

export function isThemePreference(value: unknown): value is ThemePreference {
  return THEME_PREFERENCES.includes(value as ThemePreference)
}

export async function readPreferences(db: RecallDatabase): Promise<Preferences> {
  const settings = await getSettings(db)
  // A row written by a newer or broken version must not leave the app without colours.
  return { theme: isThemePreference(settings.theme) ? settings.theme : 'system', welcomeSeen: settings.welcomeSeen === true }
}

export function saveTheme(db: RecallDatabase, theme: ThemePreference): Promise<void> {
  return saveSetting(db, 'theme', theme)
}

export function saveWelcomeSeen(db: RecallDatabase): Promise<void> {
  return saveSetting(db, 'welcomeSeen', true)
}
