import { AppNav } from '@components/AppNav'
import { lazyPart, LazyView } from '@components/LazyPart'
import { useQuestionMarkKey } from '@components/ShortcutSheetButton'
import { useImportTriggers } from '@components/use-import-triggers'
import { DecksScreen } from '@screens/decks/DecksScreen'
import { CollectionAlert } from '@screens/maintenance/CollectionAlert'
import { StudyScreen } from '@screens/study/StudyScreen'
import { useRecall } from '@store'

// Only the deck list and the study screen are in the first download; every other screen and
// dialog is fetched the first time it opens (see docs/performance.md, initial JS budget).
const screens = {
  options: lazyPart(() => import('@screens/options/DeckOptionsScreen'), 'DeckOptionsScreen'),
  browse: lazyPart(() => import('@screens/browse/BrowseScreen'), 'BrowseScreen'),
  add: lazyPart(() => import('@screens/add/AddScreen'), 'AddScreen'),
  practice: lazyPart(() => import('@screens/practice/PracticeScreen')),
  // Statistics and exams bring recharts.
  stats: lazyPart(() => import('@screens/stats/StatsScreen')),
  'exam-plan': lazyPart(() => import('@screens/exam-plan/ExamPlanScreen')),
  tools: lazyPart(() => import('@screens/maintenance/ToolsScreen'))
}
const SCREEN_NAMES = {
  options: 'the deck options',
  browse: 'the card browser',
  add: 'the add screen',
  practice: 'the practice screen',
  stats: 'the statistics',
  'exam-plan': 'the exam plan',
  tools: 'the tools'
}

const dialogs = {
  import: lazyPart(() => import('@screens/import/ImportDialog'), 'ImportDialog'),
  backups: lazyPart(() => import('@screens/backups/BackupsDialog'), 'BackupsDialog'),
  welcome: lazyPart(() => import('@components/WelcomeDialog'), 'WelcomeDialog'),
  shortcuts: lazyPart(() => import('@components/ShortcutSheet'), 'ShortcutSheet')
}

export function App() {
  // The study screen appears once its session is ready.
  const screen = useRecall((s) => (s.screen.name === 'study' && !s.session ? 'decks' : s.screen.name))
  // A dialog's code is fetched only once it is open; each dialog still decides itself what it shows.
  const importing = useRecall((s) => s.importer !== null)
  const backups = useRecall((s) => s.backups.open)
  const welcome = useRecall((s) => s.preferences.loaded && !s.preferences.welcomeSeen)
  const shortcuts = useRecall((s) => s.shortcutSheetOpen)
  useImportTriggers()
  useQuestionMarkKey()
  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col px-6 py-4">
      {screen !== 'study' && <AppNav />}
      <CollectionAlert />
      {screen === 'study' ? (
        <StudyScreen />
      ) : screen === 'decks' ? (
        <DecksScreen />
      ) : (
        <LazyView key={screen} part={screens[screen]} what={SCREEN_NAMES[screen]} />
      )}
      {importing && <LazyView part={dialogs.import} what="the import dialog" />}
      {backups && <LazyView part={dialogs.backups} what="the backups dialog" />}
      {welcome && <LazyView part={dialogs.welcome} what="the welcome dialog" />}
      {shortcuts && <LazyView part={dialogs.shortcuts} what="the keyboard shortcuts" />}
    </div>
  )
}
