import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { encodeCollection, restoreCollection } from '../../../../src/renderer/src/db/collection-backup'
import type { RecallDatabase } from '../../../../src/renderer/src/db/database'
import { createRecallStore } from '../../../../src/renderer/src/store'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

async function everyTable(db: RecallDatabase) {
  const out: Record<string, unknown[]> = {}
  for (const table of db.tables) out[table.name] = await table.toArray()
  return out
}

async function studiedCollection() {
  const db = freshDatabase()
  const clock = { now: new Date(2026, 9, 5, 9).getTime() }
  const store = createRecallStore({ db, platform: fakePlatform({ decks: [makeDeck('a', makeCards(30, true)), makeDeck('b', makeCards(10))], problems: [] }), now: () => clock.now })
  const state = () => store.getState()
  await state().loadLibrary()
  await state().startStudy('a')
  for (const rating of [3, 1, 4, 3, 2, 3, 3, 1] as const) {
    state().reveal()
    clock.now += 7000
    await state().grade(rating)
  }
  await state().buryCard()
  await state().toggleFlag(3)
  await state().leaveStudy()
  await state().openOptions('b')
  state().editOptions({ newCardsPerDay: '7', presetName: 'Slow' })
  await state().saveOptions(true)
  await db.exams.put({ id: 'mla', name: 'MLA-C01', date: clock.now + 30 * 86_400_000, deckIds: ['a'], examMode: true, targetRecall: 0.9 })
  return db
}

describe('collection backup', () => {
  it('restores into an empty profile as an identical collection, table by table', async () => {
    const source = await studiedCollection()
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const target = freshDatabase()
    expect(await restoreCollection(target, text)).toMatchObject({ ok: true })
    const [before, after] = [await everyTable(source), await everyTable(target)]
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name])
    expect(before.reviews).toHaveLength(8)
    expect(before.presets).toHaveLength(1)
  })

  it('refuses a damaged backup and leaves the collection exactly as it was', async () => {
    const source = await studiedCollection()
    const text = await encodeCollection(source, '0.1.0', Date.now())
    const target = await studiedCollection()
    await target.reviews.add({ cardKey: 'x', deckId: 'a', rating: Rating.Good, state: 0, due: 0, stability: 0, difficulty: 0, elapsed_days: 0, last_elapsed_days: 0, scheduled_days: 0, learning_steps: 0, review: 1, duration: 0 })
    const before = await everyTable(target)
    const damaged = text.replace('"rating":3', '"rating":4')
    const outcome = await restoreCollection(target, damaged)
    expect(outcome).toEqual({ ok: false, message: 'This backup is damaged: its checksum does not match (the file was changed or cut short).' })
    expect(await everyTable(target)).toEqual(before)
    expect(await restoreCollection(target, text.slice(0, text.length / 2))).toMatchObject({ ok: false })
    expect(await everyTable(target)).toEqual(before)
  })
})
