import { Queue } from '@core/model'
import type { Platform } from '@platform/platform'
import type { DeckLibrary } from '@shared/ipc'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('aws-ml-chips', makeCards(6, true))], problems: [] }
const platform: Platform = fakePlatform(library)

async function app() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 3, 14, 9, 0).getTime() }
  const store = createRecallStore({ db, platform, now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  const counts = () => state().library.decks.find((d) => d.id === 'aws-ml-chips')!.counts
  const results = () => state().browse.results.toArray()
  return { db, clock, state, counts, results }
}

/** Grades the first two new cards Again, as a person would on the study screen. */
async function studyTwo(s: Awaited<ReturnType<typeof app>>) {
  await s.state().startStudy('aws-ml-chips')
  for (let i = 0; i < 2; i++) {
    s.state().reveal()
    s.clock.now += 5000
    await s.state().grade(Rating.Again)
  }
  await s.state().leaveStudy()
}

describe('the card browser as a person uses it', () => {
  it('opened while the first start still merges the built-in decks, lists all of their cards', async () => {
    // The deck files arrive only after Browse has had time to read (its code already loaded), as on
    // a slow first start.
    await import('@store/browse-code')
    let deliver = (_: DeckLibrary) => {}
    const files = new Promise<DeckLibrary>((resolve) => (deliver = resolve))
    const platform = fakePlatform(library, { listDecks: () => files })
    const store = createRecallStore({ db: freshDatabase(), platform, now: () => Date.now() })
    const loading = store.getState().loadLibrary()
    const opening = store.getState().openBrowse()
    // Its code arrives while the collection opens and the decks are counted (library-slice.ts), which
    // on a loaded machine takes longer than a fixed pause: the wait starts once Browse is loading.
    await vi.waitFor(() => expect(store.getState().browse.status).toBe('loading'), { timeout: 10_000 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(store.getState().browse.status).toBe('loading')
    deliver({ decks: [makeDeck('a', makeCards(30)), makeDeck('b', makeCards(40))], problems: [] })
    await Promise.all([loading, opening])
    expect(store.getState().browse.results.length).toBe(70)
    expect(store.getState().browse.status).toBe('ready')
  })

  it('suspends two selected cards: the deck list drops them, and Ctrl+Z brings them back', async () => {
    const s = await app()
    await studyTwo(s)
    // Four notes not studied yet: their reverses, and those of the two studied, wait for another day.
    expect(s.counts()).toEqual({ fresh: 4, learning: 2, review: 0 })

    await s.state().openBrowse()
    expect(s.state().screen).toEqual({ name: 'browse' })
    await s.state().setBrowseQuery('is:learn')
    expect(s.results()).toEqual(['aws-ml-chips/c1', 'aws-ml-chips/c2'])
    s.state().setSelection({ all: true, ids: new Set() })
    await s.state().suspendSelected(true)

    expect(s.state().browse.notice).toBe('Suspended 2 cards. Ctrl+Z undoes.')
    expect(s.counts()).toEqual({ fresh: 4, learning: 0, review: 0 })
    expect(s.results().map((id) => s.state().browse.rows.get(id)?.queue)).toEqual([Queue.Suspended, Queue.Suspended])
    expect(s.state().browse.targetsSuspended).toBe(true)

    await s.state().undoBrowse()
    expect(s.state().browse.notice).toBe('Undone: suspend.')
    expect(s.counts()).toEqual({ fresh: 4, learning: 2, review: 0 })
    expect(s.state().browse.undo).toEqual([])
  })

  it('acts on the focused card when nothing is selected, and says so when a write fails', async () => {
    const s = await app()
    await s.state().openBrowse()
    s.state().focusRow('aws-ml-chips/c3')
    expect(s.state().browseTargets()).toEqual(['aws-ml-chips/c3'])

    const fail = () => {
      throw new Error('the disk is full')
    }
    s.db.cards.hook('updating', fail)
    await s.state().suspendSelected(true)
    s.db.cards.hook('updating').unsubscribe(fail)
    expect(s.state().browse.problem).toBe('That did not work (the disk is full). Nothing was changed.')
    expect((await s.db.cards.get('aws-ml-chips/c3'))!.queue).toBe(Queue.New)
    expect(s.state().browse.undo).toEqual([])
  })

  it('refuses to delete or tag built-in cards with a message, and copies the deck instead', async () => {
    const s = await app()
    await s.state().openBrowse()
    s.state().setSelection({ all: false, ids: new Set(['aws-ml-chips/c1']) })
    expect(await s.state().deleteSelected()).toBe(false)
    expect(s.state().browse.problem).toMatch(/built-in decks get updates with new versions of Recall/)
    expect(await s.state().tagSelected('exam', 'add')).toBe(false)

    await s.state().copyDeckToMine('aws-ml-chips')
    const copy = s.state().browse.decks.find((d) => d.editable)!
    expect(copy.name).toBe('Deck aws-ml-chips (my copy)')
    expect(s.state().browse.deckFilter).toBe(copy.id)
    expect(s.results()).toHaveLength(12)
    expect(s.state().library.decks.map((d) => d.name)).toContain('Deck aws-ml-chips (my copy)')

    s.state().setSelection({ all: false, ids: new Set([`${copy.id}/c1`]) })
    expect(await s.state().tagSelected('exam week', 'add')).toBe(true)
    await s.state().setBrowseQuery('tag:week')
    expect(s.results()).toEqual([`${copy.id}/c1`, `${copy.id}/c1/reverse`])
    expect(await s.state().deleteSelected()).toBe(true)
    expect(s.results()).toEqual([])
    expect(s.state().library.decks.find((d) => d.id === copy.id)!.cardCount).toBe(10)
  })

  it('edits a card in the side panel: both directions change, progress stays', async () => {
    const s = await app()
    await studyTwo(s)
    await s.state().openBrowse()
    s.state().openEditor('aws-ml-chips/c1/reverse')
    expect(await s.state().saveEdit({ front: 'Which chip trains?', back: 'Trainium', extra: 'Trn1 instances' }, 't')).toBe(true)
    const [forward, reverse] = await s.db.cards.bulkGet(['aws-ml-chips/c1', 'aws-ml-chips/c1/reverse'])
    expect([forward!.question, forward!.answer, forward!.extra, forward!.reps]).toEqual([
      'Which chip trains?',
      'Trainium',
      'Trn1 instances',
      1
    ])
    expect([reverse!.question, reverse!.answer]).toEqual(['Trainium', 'Which chip trains?'])
    await s.state().setBrowseQuery('trainium')
    expect(s.results()).toEqual(['aws-ml-chips/c1', 'aws-ml-chips/c1/reverse'])

    await s.state().showBrowseHistory('aws-ml-chips/c1')
    expect(s.state().cardHistory?.map((r) => r.rating)).toEqual([Rating.Again])
  })

  it('adds cards to a new deck with the add form and finds them in the browser', async () => {
    const s = await app()
    await s.state().openBrowse()
    await s.state().openAdd()
    expect(s.state().screen).toEqual({ name: 'add' })
    expect(s.state().authoring.decks).toEqual([])
    expect(await s.state().addDraft()).toBe(false)
    expect(s.state().authoring.message?.text).toMatch(/Pick a deck first/)

    expect(await s.state().createDeck('Chips')).toBeUndefined()
    expect(await s.state().createDeck('chips')).toBe('There is already a deck called "Chips".')
    const deckId = s.state().authoring.deckId
    s.state().editDraft({ front: 'AWS Inferentia', back: 'Low-cost inference', tags: 'inference', reverse: true })
    expect(await s.state().addDraft()).toBe(true)
    expect(s.state().authoring.draft).toEqual({ front: '', back: '', extra: '', tags: 'inference', reverse: true, cloze: false })
    expect(s.state().authoring.message).toEqual({ tone: 'done', text: 'Added a card and its reverse to "Chips".' })
    expect(s.state().library.decks.find((d) => d.id === deckId)).toMatchObject({
      cardCount: 2,
      // A card and its reverse are siblings: one is studied today, the other on another day.
      counts: { fresh: 1, learning: 0, review: 0 }
    })

    await s.state().setBrowseQuery('deck:chips')
    expect(s.results().map((id) => s.state().browse.rows.get(id)?.question)).toEqual(['AWS Inferentia', 'Low-cost inference'])
  })
})
