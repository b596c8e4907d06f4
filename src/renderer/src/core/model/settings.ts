/** Collection-wide settings, one row per key. */
export interface Settings {
  dayStartsAtHour: number
  /** Colours: follow the system's light/dark setting, or always one of them. */
  theme: ThemePreference
  /** Set once the first-run welcome is closed, so it never shows again. */
  welcomeSeen: boolean
  /** The daily "cards are due" notification: off until the person turns it on. */
  reminderEnabled: boolean
  /** Local time of the reminder, "HH:MM". */
  reminderTime: string
}

export type ThemePreference = 'system' | 'light' | 'dark'

export interface SettingRecord<K extends keyof Settings = keyof Settings> {
  key: K
  value: Settings[K]
}
