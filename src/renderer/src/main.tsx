import { prefetchCardText } from '@components/CardText'
import { pickDeckFile } from '@components/use-import-triggers'
import { RecallDatabase } from '@db/database'
import { compactingAfterBackups } from '@db/journal/journal-compaction'
import { journalOptions, type JournalStartReport } from '@db/journal/journal-start'
import { JournalWriter } from '@db/journal/journal-writer'
import { detectPlatform } from '@platform/index'
import { App } from '@renderer/App'
import '@renderer/styles.css'
import { applyTheme, followThemePreference, readRememberedPreferences } from '@renderer/theme'
import { createRecallStore, setAppStore } from '@store'
import { listenToMenuCommands } from '@store/menu-commands'
import { startReminderClock } from '@store/reminder-slice'
import { startSyncTriggers } from '@store/sync-triggers'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import Dexie from 'dexie'

// Dexie turns its debug mode on by itself for pages served from localhost (a console task made for
// every request): the web build, the bench and the e2e tests serve the built app there, where the
// desktop app (app://) never has it. Built code runs as the desktop runs it; `npm run dev` keeps it.
Dexie.debug = import.meta.env.DEV

// Before anything renders, so the first frame already has the chosen colours.
const remembered = readRememberedPreferences()
applyTheme(remembered.theme ?? 'system')

const detected = detectPlatform()
// The journal outside IndexedDB (db/journal): checked against the collection before anything
// else reads it, then written with every change; each backup lets it drop what the backup holds.
const journal = detected.journal ? new JournalWriter(detected.journal, Date.now()) : undefined
const lastEncodedMark = async () => (await import('@db/collection-backup')).lastEncodedMark()
const platform =
  journal && detected.backups
    ? { ...detected, backups: compactingAfterBackups(detected.backups, journal, lastEncodedMark, Date.now) }
    : detected
let onJournalStart = (report: JournalStartReport) => void pendingReports.push(report)
const pendingReports: JournalStartReport[] = []
const db = new RecallDatabase(undefined, journal && journalOptions(journal, platform.backups, (report) => onJournalStart(report)))
const store = createRecallStore({ db, platform, now: () => Date.now(), appVersion: __APP_VERSION__ })
setAppStore(store)
onJournalStart = (report) => {
  store.getState().noteJournalStart(report)
  // A journal that begins on a collection it did not see grow needs a backup to rebuild from.
  if (report.kind === 'new-epoch' && !report.fromEmpty) void platform.backups?.backupNow()
}
for (const report of pendingReports.splice(0)) onJournalStart(report)
followThemePreference(store)
void store.getState().loadPreferences(remembered)
void platform.requestPersistentStorage()
void store.getState().loadLibrary()
// Automatic backups: the desktop's main process asks and the page hands over the encoded
// collection; in a browser the page encodes it for its own backups folder (OPFS).
// The encoder is fetched on the first request, so it is not part of the first download.
platform.backups?.answerRequests(async () => (await import('@db/collection-backup')).encodeCollection(db, __APP_VERSION__, Date.now()))
// The desktop menu bar's items that act in the page, and the daily reminder (off until turned on).
listenToMenuCommands(platform, store.getState, pickDeckFile)
void store.getState().loadReminder()
startReminderClock(store)
// Sync through a folder (issue 24): on start once the collection is open, on folder changes, after
// a study session, on quit and on "Sync now"; nothing runs until a folder is linked.
startSyncTriggers(store, platform)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)

// Card text's Markdown pipeline is not in the first download, nor fetched before the first card
// when that card is plain text: it comes a moment after the first card text is drawn, or once the
// start has settled if no card is opened by then, or at once for a card that needs it (CardText.tsx).
prefetchCardText(5000)
