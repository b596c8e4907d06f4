import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { createScheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import { changeTags, forgetCards, suspendCards } from '@db/browse-repository'
import { cardsRatedSince } from '@db/rated-cards'
import { forget, setSuspended, undo } from '@db/card-actions'
import { addCard, deleteCards, moveCards } from '@db/card-authoring'
import { RecallDatabase } from '@db/database'
import { Rating, State } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { allUnstamped, freshDatabase } from '../../helpers/fixtures'
import { NOW, seedCollection } from '../store/browse-collection'

const scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
const ids = (deck: string, from: number, count: number) => Array.from({ length: count }, (_, k) => `${deck}/c${from + 3 * k}`)

async function seeded() {
  const db = freshDatabase()
  await seedCollection(db, 300)
  return db
}

/** Everything a bulk action could touch, to compare before and after a failure. */
async function snapshot(db: RecallDatabase) {
  return {
    cards: allUnstamped(await db.cards.orderBy(':id').toArray()),
    reviews: await db.reviews.orderBy(':id').toArray(),
    decks: await db.decks.orderBy(':id').toArray()
  }
}

/** Makes the `n`th write of a kind to the cards table throw, as a full disk would mid-way. */
function failOnWrite(db: RecallDatabase, kind: 'updating' | 'creating' | 'deleting', n: number) {
  let seen = 0
  const hook = () => {
    if (++seen === n) throw new Error('QuotaExceededError: the disk is full')
  }
  // Dexie types each hook on its own, so the three are subscribed by name.
  if (kind === 'creating') db.cards.hook('creating', hook)
  else if (kind === 'updating') db.cards.hook('updating', hook)
  else db.cards.hook('deleting', hook)
  return () => {
    if (kind === 'creating') db.cards.hook('creating').unsubscribe(hook)
    else if (kind === 'updating') db.cards.hook('updating').unsubscribe(hook)
    else db.cards.hook('deleting').unsubscribe(hook)
  }
}

describe('bulk actions of the card browser', () => {
  it('suspends and unsuspends many cards in one step that undo reverses', async () => {
    const db = await seeded()
    const picked = ids('aws-ml-chips', 3, 20) // c3, c6, … c60 (c21, c42 are already suspended)
    const { undo: entry, after } = await suspendCards(db, picked, true)
    expect(entry.before.map((c) => c.id)).toHaveLength(18)
    expect(allUnstamped(after)).toEqual(allUnstamped(await db.cards.bulkGet(entry.before.map((c) => c.id))))
    expect((await db.cards.bulkGet(picked)).every((c) => c!.queue === Queue.Suspended)).toBe(true)

    await undo(db, entry)
    const restored = await db.cards.bulkGet(picked)
    expect(restored.filter((c) => c!.queue === Queue.Suspended).map((c) => c!.id)).toEqual(['aws-ml-chips/c21', 'aws-ml-chips/c42'])

    const back = await suspendCards(db, ['aws-ml-chips/c21', 'aws-ml-chips/c42'], false)
    expect((await db.cards.bulkGet(back.undo.before.map((c) => c.id))).map((c) => c!.queue)).toEqual([Queue.Review, Queue.Review])
  })

  it('changes each card exactly as the study screen’s suspend, unsuspend and reset do', async () => {
    const [one, bulk] = [await seeded(), await seeded()]
    for (const db of [one, bulk]) await db.cards.update('aws-ml-chips/c3', { queue: Queue.Buried, buriedUntil: NOW + 3_600_000 })
    const picked = ['aws-ml-chips/c3', 'aws-ml-chips/c6', 'aws-ml-chips/c21', 'aws-ml-chips/c24']
    const cards = (db: RecallDatabase) => db.cards.bulkGet(picked)
    const logs = async (db: RecallDatabase) => (await db.reviews.where('review').equals(NOW).toArray()).map(({ id: _, ...r }) => r)

    for (const c of await cards(one)) if (c!.queue !== Queue.Suspended) await setSuspended(one, c!, true)
    await suspendCards(bulk, picked, true)
    expect(allUnstamped(await cards(bulk))).toEqual(allUnstamped(await cards(one)))

    for (const c of await cards(one)) await setSuspended(one, c!, false)
    await suspendCards(bulk, picked, false)
    expect(allUnstamped(await cards(bulk))).toEqual(allUnstamped(await cards(one)))

    for (const c of await cards(one)) await forget(one, scheduler, c!, NOW)
    await forgetCards(bulk, picked, () => scheduler, NOW)
    expect(allUnstamped(await cards(bulk))).toEqual(allUnstamped(await cards(one)))
    expect(await logs(bulk)).toEqual(await logs(one))
    expect(await logs(bulk)).toHaveLength(4)
  })

  it('leaves every card as it was when a write fails part-way through a suspend', async () => {
    const db = await seeded()
    const before = await snapshot(db)
    const stop = failOnWrite(db, 'updating', 10)
    await expect(suspendCards(db, ids('aws-ml-services', 1, 40), true)).rejects.toThrow(/disk is full/)
    stop()
    expect(await snapshot(db)).toEqual(before)
  })

  it('resets cards to new with one Manual log row each, atomically', async () => {
    const db = await seeded()
    const picked = ['aws-ml-chips/c3', 'aws-ml-chips/c9', 'aws-ml-chips/c15']
    const before = await snapshot(db)
    const stop = failOnWrite(db, 'updating', 3)
    await expect(forgetCards(db, picked, () => scheduler, NOW)).rejects.toThrow(/disk is full/)
    stop()
    expect(await snapshot(db)).toEqual(before)

    const { undo: entry } = await forgetCards(db, picked, () => scheduler, NOW)
    const reset = (await db.cards.bulkGet(picked)) as CardRecord[]
    expect(reset.map((c) => [c.state, c.queue, c.reps])).toEqual(Array(3).fill([State.New, Queue.New, 0]))
    expect(entry.addedLogIds).toHaveLength(3)
    expect((await db.reviews.bulkGet(entry.addedLogIds)).map((r) => [r!.cardKey, r!.rating, r!.manual])).toEqual(
      picked.map((id) => [id, Rating.Manual, 'reset'])
    )

    await undo(db, entry)
    expect(await snapshot(db)).toEqual(before)
  })

  it('tags both directions of the user’s own cards, refuses built-in ones, and fails whole', async () => {
    const db = await seeded()
    const added = await addCard(
      db,
      'my-notes-ab12',
      { front: 'Amazon Rekognition', back: 'Image and video analysis', extra: '', tags: '', reverse: true },
      NOW
    )
    if (!added.ok) throw new Error(added.message)
    const forward = added.ids[0]!

    const tagged = await changeTags(db, [forward, 'my-notes-ab12/c2'], ['exam', 'vision'], [])
    expect(tagged.ok && tagged.after.map((c) => c.id).sort()).toEqual([...added.ids, 'my-notes-ab12/c2'].sort())
    expect((await db.cards.bulkGet(added.ids)).map((c) => c!.tags)).toEqual([
      ['exam', 'vision'],
      ['exam', 'vision']
    ])
    const untagged = await changeTags(db, [forward], [], ['vision'])
    expect((await db.cards.get(added.ids[1]!))!.tags).toEqual(['exam'])
    if (untagged.ok) await undo(db, untagged.undo)
    expect((await db.cards.get(added.ids[1]!))!.tags).toEqual(['exam', 'vision'])

    const refused = await changeTags(db, ['aws-ml-chips/c3', forward], ['x'], [])
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('"AWS ML: chip → role"') })
    expect((await db.cards.get(forward))!.tags).toEqual(['exam', 'vision'])

    const before = await snapshot(db)
    const stop = failOnWrite(db, 'updating', 2)
    await expect(changeTags(db, [forward, 'my-notes-ab12/c5', 'my-notes-ab12/c8'], ['late'], [])).rejects.toThrow(/disk is full/)
    stop()
    expect(await snapshot(db)).toEqual(before)
  })

  it('moves cards with their history between the user’s decks, and nothing moves if a write fails', async () => {
    const db = await seeded()
    await db.decks.add({ id: 'other-cd34', name: 'Other', origin: 'user', file: '', contentHash: '', cardCount: 0, updatedAt: 0 })
    await db.cards.add({ ...(await db.cards.get('my-notes-ab12/c2'))!, id: 'other-cd34/c2', deckId: 'other-cd34', ord: 0 })

    const before = await snapshot(db)
    const stop = failOnWrite(db, 'creating', 2)
    await expect(moveCards(db, ['my-notes-ab12/c2', 'my-notes-ab12/c5'], 'other-cd34')).rejects.toThrow(/disk is full/)
    stop()
    expect(await snapshot(db)).toEqual(before)

    const logsOfC5 = await db.reviews.where('cardKey').equals('my-notes-ab12/c5').count()
    const moved = await moveCards(db, ['my-notes-ab12/c2', 'my-notes-ab12/c5'], 'other-cd34')
    // c2 is taken in the target, so the moved one becomes c2-2; progress and history follow.
    expect(moved).toEqual({ ok: true, removed: ['my-notes-ab12/c2', 'my-notes-ab12/c5'], added: ['other-cd34/c2-2', 'other-cd34/c5'] })
    expect(await db.cards.get('my-notes-ab12/c5')).toBeUndefined()
    expect(await db.cards.get('other-cd34/c5')).toMatchObject({
      deckId: 'other-cd34',
      cardId: 'c5',
      stability: before.cards.find((c) => c.id === 'my-notes-ab12/c5')!.stability
    })
    expect(await db.reviews.where('cardKey').equals('other-cd34/c5').count()).toBe(logsOfC5)
    expect((await db.decks.get('other-cd34'))!.cardCount).toBe(3)

    const refused = await moveCards(db, ['aws-ml-chips/c3'], 'other-cd34')
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/built-in decks get updates with new versions of Recall/) })
    expect(await moveCards(db, ['other-cd34/c5'], 'aws-ml-chips')).toMatchObject({ ok: false })
  })

  it('deletes cards of the user’s decks with their history, and only whole', async () => {
    const db = await seeded()
    const victims = ['my-notes-ab12/c2', 'my-notes-ab12/c5', 'my-notes-ab12/c8']
    const before = await snapshot(db)
    const stop = failOnWrite(db, 'deleting', 2)
    await expect(deleteCards(db, victims)).rejects.toThrow(/disk is full/)
    stop()
    expect(await snapshot(db)).toEqual(before)

    expect(await deleteCards(db, victims)).toEqual({ ok: true, removed: victims, added: [] })
    expect(await db.cards.bulkGet(victims)).toEqual([undefined, undefined, undefined])
    expect(await db.reviews.where('cardKey').anyOf(victims).count()).toBe(0)
    expect((await db.decks.get('my-notes-ab12'))!.cardCount).toBe(100 - 3)

    // A suspend undone after its card was deleted does not bring the card back.
    const kept = (await db.cards.get('my-notes-ab12/c14'))!
    const { undo: suspended } = await suspendCards(db, ['my-notes-ab12/c11', kept.id], true)
    await deleteCards(db, ['my-notes-ab12/c11'])
    await undo(db, suspended)
    expect(await db.cards.get('my-notes-ab12/c11')).toBeUndefined()
    expect(allUnstamped([(await db.cards.get(kept.id))!])).toEqual(allUnstamped([kept]))

    expect(await deleteCards(db, ['aws-ml-chips/c3'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Copy the deck to your decks to delete its cards/)
    })
    expect(await db.cards.get('aws-ml-chips/c3')).toBeDefined()
  })

  it('finds recently rated cards through the review index only, from the start of the range', async () => {
    const queries: Array<{ index: string; lower: unknown }> = []
    const db = new RecallDatabase(`rated-${Math.random()}`)
    db.use({
      stack: 'dbcore',
      name: 'watch-reviews',
      create: (down) => ({
        ...down,
        table(name) {
          const table = down.table(name)
          if (name !== 'reviews') return table
          return {
            ...table,
            openCursor: (req) => (
              queries.push({ index: req.query.index.name ?? 'primary', lower: req.query.range.lower }),
              table.openCursor(req)
            ),
            query: (req) => (queries.push({ index: req.query.index.name ?? 'primary', lower: req.query.range.lower }), table.query(req))
          }
        }
      })
    })
    await seedCollection(db, 300)
    queries.length = 0
    const since = NOW - 2 * 3_600_000
    const keys = await cardsRatedSince(db, since)
    expect([...keys].sort()).toEqual(
      Array.from({ length: 300 }, (_, i) => i)
        .filter((i) => i % 4 !== 0 && i % 11 === 0)
        .map((i) => `${['aws-ml-chips', 'aws-ml-services', 'my-notes-ab12'][i % 3]}/c${i}`)
        .sort()
    )
    expect(queries).toEqual([{ index: 'review', lower: since }])
  })
})
