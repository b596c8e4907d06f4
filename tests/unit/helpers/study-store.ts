import type { Platform } from '@platform/platform'
import { createRecallStore, type RecallState } from '@store'
import { Rating } from 'ts-fsrs'
import { freshDatabase } from './fixtures'

/** A store on a fresh collection with `platform`'s decks loaded, its clock at Monday 4 May 2026, 10 am. */
export async function storeOnMonday(platform: Platform) {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 4, 4, 10, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  return { db, clock, store, state }
}

/** Studies `n` cards of a deck through the store, Good on each, four seconds apart on `clock`. */
export async function studyGood(s: { state: () => RecallState; clock: { now: number } }, deckId: string, n: number): Promise<void> {
  await s.state().startStudy(deckId)
  for (let i = 0; i < n; i++) {
    s.state().reveal()
    s.clock.now += 4_000
    await s.state().grade(Rating.Good)
  }
  await s.state().leaveStudy()
}
