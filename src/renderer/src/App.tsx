import { lazy, Suspense } from 'react'
import { AppNav } from './components/AppNav'
import { ShortcutSheet } from './components/ShortcutSheet'
import { WelcomeDialog } from './components/WelcomeDialog'
import { DecksScreen } from './screens/decks/DecksScreen'
import { BackupsDialog } from './screens/backups/BackupsDialog'
import { ImportDialog } from './screens/import/ImportDialog'
import { useImportTriggers } from './screens/import/use-import-triggers'
import { CollectionAlert } from './screens/maintenance/CollectionAlert'
import { DeckOptionsScreen } from './screens/options/DeckOptionsScreen'
import { StudyScreen } from './screens/study/StudyScreen'
import { useRecall } from './store'

// Loaded on demand: most sessions never open the Practice screen.
const PracticeScreen = lazy(() => import('./screens/practice/PracticeScreen'))
// Statistics and exams bring recharts, which the study path never needs.
const StatsScreen = lazy(() => import('./screens/stats/StatsScreen'))
const ExamScreen = lazy(() => import('./screens/exam/ExamScreen'))
const BrowseScreen = lazy(() => import('./screens/browse/BrowseScreen').then((m) => ({ default: m.BrowseScreen })))
const AddScreen = lazy(() => import('./screens/add/AddScreen').then((m) => ({ default: m.AddScreen })))
const ToolsScreen = lazy(() => import('./screens/maintenance/ToolsScreen'))

export function App() {
  // The study screen appears once its session is ready.
  const screen = useRecall((s) => (s.screen.name === 'study' && !s.session ? 'decks' : s.screen.name))
  useImportTriggers()
  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col px-6 py-4">
      {screen !== 'study' && <AppNav />}
      <CollectionAlert />
      {screen === 'study' ? <StudyScreen /> : screen === 'options' ? <DeckOptionsScreen /> : screen === 'browse' || screen === 'add' ? (
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>{screen === 'browse' ? <BrowseScreen /> : <AddScreen />}</Suspense>
      ) : screen === 'practice' ? (
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>
          <PracticeScreen />
        </Suspense>
      ) : screen === 'stats' || screen === 'exam' ? (
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>{screen === 'stats' ? <StatsScreen /> : <ExamScreen />}</Suspense>
      ) : screen === 'tools' ? (
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>
          <ToolsScreen />
        </Suspense>
      ) : <DecksScreen />}
      <ImportDialog />
      <BackupsDialog />
      <WelcomeDialog />
      <ShortcutSheet />
    </div>
  )
}
