import type { ThemePreference } from '@core/model'
import { isThemePreference, type Preferences } from '@db/preferences-repository'
import type { RecallStore } from '@store'

// The settings table is the source of truth, but IndexedDB answers after the first paint; this
// synchronous copy lets main.tsx colour the page correctly before React renders anything.
const THEME_KEY = 'recall.theme'
const WELCOME_KEY = 'recall.welcomeSeen'
const DARK_QUERY = '(prefers-color-scheme: dark)'

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null // storage disabled: the page falls back to the system theme until the table answers
  }
}

/** What this window remembers of the preferences from its last run. */
export function readRememberedPreferences(): Partial<Preferences> {
  const store = storage()
  const theme = store?.getItem(THEME_KEY)
  return {
    ...(isThemePreference(theme) ? { theme } : {}),
    ...(store?.getItem(WELCOME_KEY) === 'true' ? { welcomeSeen: true } : {})
  }
}

function remember(preferences: Preferences): void {
  const store = storage()
  try {
    store?.setItem(THEME_KEY, preferences.theme)
    if (preferences.welcomeSeen) store?.setItem(WELCOME_KEY, 'true')
  } catch {
    // A full or blocked storage only costs the first-paint shortcut.
  }
}

/** Puts `dark` or `light` on <html>; styles.css keys Tailwind's dark: variant to it. */
export function applyTheme(theme: ThemePreference, systemIsDark = window.matchMedia(DARK_QUERY).matches): void {
  const dark = theme === 'dark' || (theme === 'system' && systemIsDark)
  const root = document.documentElement
  root.classList.toggle('dark', dark)
  root.classList.toggle('light', !dark)
  root.dataset.theme = theme
}

/** Keeps <html> in step with the saved preference and, on 'system', with the OS as it changes. */
export function followThemePreference(store: RecallStore): () => void {
  const media = window.matchMedia(DARK_QUERY)
  const sync = () => {
    const { theme, welcomeSeen, loaded } = store.getState().preferences
    applyTheme(theme, media.matches)
    if (loaded) remember({ theme, welcomeSeen })
  }
  media.addEventListener('change', sync)
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.preferences !== previous.preferences) sync()
  })
  return () => {
    media.removeEventListener('change', sync)
    unsubscribe()
  }
}
