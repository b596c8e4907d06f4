import { Queue } from '@core/model'
import { RecallDatabase } from '@db/database'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('d', makeCards(25))], problems: [] }

function setup(db: RecallDatabase = freshDatabase()) {
  const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform: fakePlatform(library), now: () => clock.now })
  return { db, clock, state: () => store.getState() }
}

describe('grades when the collection cannot be written', () => {
  it('keeps the card and the grade on screen while the database is closed, and saves on retry once it is open again', async () => {
    const { db, state } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    state().reveal()
    db.close()
    await state().grade(Rating.Good)
    expect(state().session).toMatchObject({ card: { id: 'd/c1' }, revealed: true, saving: false })
    expect(state().session?.error).toMatch(/not saved.*closed/i)

    await db.open()
    expect(await db.reviews.count()).toBe(0)
    await state().grade(Rating.Good)
    expect(state().session?.error).toBeUndefined()
    expect(state().session?.card?.id).toBe('d/c2')
    expect((await db.reviews.toArray()).map((r) => [r.cardKey, r.rating])).toEqual([['d/c1', Rating.Good]])
  })
})

describe('the collection status', () => {
  it('opens the collection and reports it open', async () => {
    const { state } = setup()
    expect(state().collection.state).toBe('opening')
    await state().openCollection()
    expect(state().collection).toEqual({ state: 'open' })
  })

  it('asks to reload, and writes nothing, once another window has upgraded the collection', async () => {
    const { db, state } = setup()
    await state().loadLibrary()
    await state().startStudy('d')
    const newer = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(db.name, (db.verno + 1) * 10)
      request.onsuccess = () => resolve(request.result)
    })
    expect(state().collection).toEqual({
      state: 'closed',
      message: expect.stringMatching(/^Recall was updated in another window; reload to continue\./)
    })
    state().reveal()
    await state().grade(Rating.Good)
    expect(state().session?.card?.id).toBe('d/c1')
    expect(state().session?.error).toMatch(/not saved/)
    await state().openCollection() // a late open does not hide the message
    expect(state().collection.state).toBe('closed')
    newer.close()
  })

  it('shows why the collection could not be opened', async () => {
    const name = freshDatabase().name
    class Broken extends RecallDatabase {
      constructor() {
        super(name)
        this.version(this.verno + 1)
          .stores({ notes: 'id' })
          .upgrade(() => {
            throw new Error('no space')
          })
      }
    }
    await new RecallDatabase(name).open().then((db) => db.close())
    const { state } = setup(new Broken())
    await state().openCollection()
    expect(state().collection).toEqual({
      state: 'failed',
      message: expect.stringMatching(
        /^Recall could not upgrade your collection from version 10 to 11 \(no space\)\. Your data is unchanged/
      )
    })
  })
})

describe('checking the collection from the store', () => {
  it('repairs, keeps the report for the Tools screen, and recounts the deck list', async () => {
    const { db, state } = setup()
    await state().loadLibrary()
    // A new card filed under Learning: counted as learning, missing from the new cards.
    await db.cards.update('d/c1', { queue: Queue.Learning })
    await state().refreshCounts()
    expect(state().library.decks[0]?.counts).toEqual({ fresh: 20, learning: 1, review: 0 })

    const checking = state().checkCollection()
    expect(state().collectionCheck.status).toBe('running')
    await checking
    expect(state().collectionCheck).toEqual({
      status: 'done',
      report: {
        cards: 25,
        logs: 0,
        repaired: { cardWithoutDeck: 0, impossibleState: 0, queueMismatch: 1, strayBuriedUntil: 0, countsFromLog: 0 },
        logsWithoutCard: 0
      }
    })
    expect((await db.cards.get('d/c1'))?.queue).toBe(Queue.New)
    expect(state().library.decks[0]?.counts).toEqual({ fresh: 20, learning: 0, review: 0 })
    const session = await state()
      .startStudy('d')
      .then(() => state().session)
    expect(session?.card?.id).toBe('d/c1') // back at the head of the new cards
  })

  it('says the check changed nothing when it fails', async () => {
    const { db, state } = setup()
    await state().loadLibrary()
    db.close()
    await state().checkCollection()
    expect(state().collectionCheck).toEqual({
      status: 'failed',
      error: expect.stringMatching(/^The check stopped and changed nothing\. The collection was closed/)
    })
  })
})
