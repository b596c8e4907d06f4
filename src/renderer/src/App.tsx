import { DecksScreen } from './screens/decks/DecksScreen'
import { StudyScreen } from './screens/study/StudyScreen'
import { useRecall } from './store'

export function App() {
  const studying = useRecall((s) => s.session !== null)
  return <div className="mx-auto flex min-h-screen max-w-3xl flex-col px-6 py-6">{studying ? <StudyScreen /> : <DecksScreen />}</div>
}
