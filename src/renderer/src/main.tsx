import { pickDeckFile } from '@components/use-import-triggers'
import { RecallDatabase } from '@db/database'
import { detectPlatform } from '@platform/index'
import { App } from '@renderer/App'
import '@renderer/styles.css'
import { applyTheme, followThemePreference, readRememberedPreferences } from '@renderer/theme'
import { createRecallStore, setAppStore } from '@store'
import { listenToMenuCommands } from '@store/menu-commands'
import { startReminderClock } from '@store/reminder-slice'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

// Before anything renders, so the first frame already has the chosen colours.
const remembered = readRememberedPreferences()
applyTheme(remembered.theme ?? 'system')

const platform = detectPlatform()
const db = new RecallDatabase()
const store = createRecallStore({ db, platform, now: () => Date.now(), appVersion: __APP_VERSION__ })
setAppStore(store)
followThemePreference(store)
void store.getState().loadPreferences(remembered)
void platform.requestPersistentStorage()
void store.getState().loadLibrary()
// The desktop app's automatic backups: main asks, the page hands over the encoded collection.
// The encoder is fetched on the first request, so it is not part of the first download.
platform.backups?.answerRequests(async () => (await import('@db/collection-backup')).encodeCollection(db, __APP_VERSION__, Date.now()))
// The desktop menu bar's items that act in the page, and the daily reminder (off until turned on).
listenToMenuCommands(platform, store.getState, pickDeckFile)
void store.getState().loadReminder()
startReminderClock(store)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
