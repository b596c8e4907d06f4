import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { RecallDatabase } from './db/database'
import { detectPlatform } from './platform'
import { createRecallStore, setAppStore } from './store'
import './styles.css'

const platform = detectPlatform()
const store = createRecallStore({ db: new RecallDatabase(), platform, now: () => Date.now() })
setAppStore(store)
void platform.requestPersistentStorage()
void store.getState().loadLibrary()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
