import type { RecallDatabase } from '@db/database'
import type { Platform } from '@platform/platform'
import type { LibraryDeck } from '@shared/ipc'
import { createRecallStore } from '@store'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'
import { ALL_DECK_IDS, BUILT_IN_DECK_IDS, readDeck } from '../../helpers/built-in-cards'

/** The three built-in decks, as the web build hands them to the renderer. */
export const builtInLibrary = (): LibraryDeck[] =>
  BUILT_IN_DECK_IDS.map((id) => ({ deck: readDeck(id), origin: 'builtin' as const, file: `${id}.json` }))

/** Every deck the app ships: the three first decks and the exam decks. */
export const fullLibrary = (): LibraryDeck[] =>
  ALL_DECK_IDS.map((id) => ({ deck: readDeck(id), origin: 'builtin' as const, file: `${id}.json` }))

/** A store on a fresh fake-indexeddb database with a clock the test moves by hand. */
export async function practiceStore(decks: LibraryDeck[] = builtInLibrary(), db: RecallDatabase = freshDatabase()) {
  const platform: Platform = fakePlatform({ decks, problems: [] })
  const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  return { db, clock, store, state }
}
