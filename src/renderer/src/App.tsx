import { AppNav } from './components/AppNav'
import { DecksScreen } from './screens/decks/DecksScreen'
import { DeckOptionsScreen } from './screens/options/DeckOptionsScreen'
import { StudyScreen } from './screens/study/StudyScreen'
import { useRecall } from './store'

export function App() {
  // The study screen appears once its session is ready.
  const screen = useRecall((s) => (s.screen.name === 'study' && !s.session ? 'decks' : s.screen.name))
  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col px-6 py-4">
      {screen !== 'study' && <AppNav />}
      {screen === 'study' ? <StudyScreen /> : screen === 'options' ? <DeckOptionsScreen /> : <DecksScreen />}
    </div>
  )
}
