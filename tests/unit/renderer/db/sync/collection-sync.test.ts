import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { editCardText, forget, setSuspended, toggleFlag, undo } from '@db/card-actions'
import { mergeDeck } from '@db/deck-repository'
import { deleteDeck } from '@db/import-repository'
import { optionsForDeck, savePresetForDeck, saveSetting } from '@db/options-repository'
import { syncNow } from '@db/sync/sync-engine'
import { linkCollection, previewLink, unlinkCollection } from '@db/sync/sync-link'
import { OUTBOX_TABLE } from '@db/sync/sync-records'
import { Rating } from 'ts-fsrs'
import { describe, expect, it, vi } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../../helpers/fixtures'
import { deliver, MemoryFolder } from './memory-folder'
import { collectionOf, grade, linkedPair, scheduler } from './sync-helpers'

const MINUTE = 60_000

describe('two collections through one folder', () => {
  it('a second collection linked by merging gets the first one’s decks, cards and history', async () => {
    const laptop = freshDatabase()
    const folder = new MemoryFolder()
    await mergeDeck(laptop, { ...makeDeck('aws', makeCards(4)), origin: 'user' }, Date.now())
    const t = Date.now()
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await grade(laptop, 'aws/c1', Rating.Again, t + 10 * MINUTE)
    await linkCollection(laptop, folder, 'merge')

    const desktop = freshDatabase()
    expect(await previewLink(desktop, folder)).toEqual({
      devices: 1,
      folder: { decks: 1, cards: 4, reviews: 2 },
      here: { decks: 0, cards: 0, reviews: 0 }
    })
    const report = await linkCollection(desktop, folder, 'merge')
    expect(report.ok).toBe(true)
    expect(report.received).toBeGreaterThan(0)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
  })

  it('one card studied on both machines before they were linked: its grades replay in the order they were given', async () => {
    const DAY = 86_400_000
    const start = Date.now() - 30 * DAY
    // The laptop grades the card on days 0 and 10, the desktop on day 5, both before any link.
    const laptop = freshDatabase()
    const desktop = freshDatabase()
    const alone = freshDatabase()
    for (const db of [laptop, desktop, alone]) await mergeDeck(db, { ...makeDeck('aws', makeCards(2)), origin: 'user' }, start - DAY)
    await grade(laptop, 'aws/c1', Rating.Good, start)
    await grade(laptop, 'aws/c1', Rating.Good, start + 10 * DAY)
    await grade(desktop, 'aws/c1', Rating.Hard, start + 5 * DAY)
    // The same three grades on one machine, in the order given: what the linked machines must agree on.
    await grade(alone, 'aws/c1', Rating.Good, start)
    await grade(alone, 'aws/c1', Rating.Hard, start + 5 * DAY)
    await grade(alone, 'aws/c1', Rating.Good, start + 10 * DAY)

    const folder = new MemoryFolder()
    await linkCollection(laptop, folder, 'merge')
    await linkCollection(desktop, folder, 'merge')
    await syncNow(laptop, folder)
    const { mod: _m, ...expected } = (await alone.cards.get('aws/c1'))!
    for (const db of [laptop, desktop]) {
      const { mod: _mod, ...card } = (await db.cards.get('aws/c1'))!
      expect(card).toEqual(expected)
    }
  })

  it('grades on both machines offline, a note edit, an import and a deck removal end in the same collection, each review once', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    const t = Date.now()
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await grade(desktop, 'aws/c1', Rating.Again, t + MINUTE)
    await grade(desktop, 'aws/c2', Rating.Easy, t + 2 * MINUTE)
    await grade(laptop, 'aws/c3', Rating.Hard, t + 3 * MINUTE)
    await editCardText(laptop, 'aws', 'c4', { front: 'What is S3?', back: 'Object storage', extra: '' })
    await toggleFlag(desktop, (await desktop.cards.get('aws/c5'))!, 3)
    await setSuspended(laptop, (await laptop.cards.get('aws/c6'))!, true)
    await mergeDeck(desktop, { ...makeDeck('ml', makeCards(3)), origin: 'user' }, t)
    await grade(desktop, 'ml/c1', Rating.Good, t + 4 * MINUTE)

    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    await syncNow(laptop, folder)
    const a = await collectionOf(laptop)
    expect(await collectionOf(desktop)).toEqual(a)
    expect(a.reviews).toHaveLength(5)
    expect(a.decks.map((d) => d.id)).toEqual(['aws', 'ml'])
    expect(a.notes.find((n) => n.id === 'aws/c4')!.note).toMatchObject({ front: 'What is S3?' })
    const c1 = a.cards.find((c) => c.id === 'aws/c1')!
    expect(c1.reps).toBe(2)

    // Twice more changes nothing, and a deck removed on one machine is set aside on the other.
    await syncNow(desktop, folder)
    await syncNow(laptop, folder)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
    await deleteDeck(laptop, 'ml')
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect(await desktop.decks.get('ml')).toBeUndefined()
    expect((await desktop.notes.where('deckId').equals('ml').toArray()).every((n) => n.removed)).toBe(true)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
  })

  it('an undone grade and a Forget reach the other machine', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    const t = Date.now()
    const before = (await laptop.cards.get('aws/c1'))!
    const graded = await grade(laptop, 'aws/c1', Rating.Good, t)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect(await desktop.reviews.count()).toBe(1)
    await undo(laptop, { label: 'Grade', before: [before], addedLogIds: [graded.logId] })
    await grade(laptop, 'aws/c2', Rating.Good, t)
    await forget(laptop, scheduler, (await laptop.cards.get('aws/c2'))!, t + MINUTE)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    const desk = await collectionOf(desktop)
    expect(desk).toEqual(await collectionOf(laptop))
    expect(desk.reviews.map((r) => r.split(' ')[0])).toEqual(['aws/c2', 'aws/c2'])
    expect(desk.cards.find((c) => c.id === 'aws/c1')!.reps).toBe(0)
  })

  it.each([
    ['the folder never had the deck', false],
    ['the folder had the deck', true]
  ])('a flag given, the deck deleted and imported again on one machine reaches the other (%s)', async (_, sentFirst) => {
    const { laptop, desktop, folder } = await linkedPair()
    const exam = { ...makeDeck('exam', makeCards(2)), origin: 'user' as const }
    await mergeDeck(laptop, exam, Date.now())
    if (sentFirst) await syncNow(laptop, folder)
    await toggleFlag(laptop, (await laptop.cards.get('exam/c1'))!, 3)
    await deleteDeck(laptop, 'exam')
    await syncNow(laptop, folder)
    // The set-aside card comes back with its flag: no synced field of it changes.
    await mergeDeck(laptop, exam, Date.now())
    expect((await laptop.cards.get('exam/c1'))!.flag).toBe(3)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect((await desktop.cards.get('exam/c1'))?.flag).toBe(3)
    expect(await collectionOf(desktop, { studied: true })).toEqual(await collectionOf(laptop, { studied: true }))
  })
})

describe('time zones', () => {
  it('a grade carries the UTC offset of the machine that gave it, kept by the others when they send their collection again', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    await grade(laptop, 'aws/c1', Rating.Good, Date.now())
    // The laptop is in Tokyo (UTC+9) when it sends its grade; this process's zone is any other.
    const tokyo = vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-540)
    try {
      await syncNow(laptop, folder)
    } finally {
      tokyo.mockRestore()
    }
    await syncNow(desktop, folder)
    expect(await desktop.reviews.toArray()).toMatchObject([{ cardKey: 'aws/c1', zone: 540 }])

    // The desktop, linked to a new folder by merging, sends its whole collection: the grade keeps Tokyo's offset.
    await unlinkCollection(desktop)
    const another = new MemoryFolder()
    await linkCollection(desktop, another, 'merge')
    const third = freshDatabase()
    await linkCollection(third, another, 'merge')
    expect(await third.reviews.toArray()).toMatchObject([{ cardKey: 'aws/c1', zone: 540 }])
  })
})

describe('undo after a sync', () => {
  it('takes back the grade and keeps the note’s text that the sync brought in between', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    const before = (await laptop.cards.get('aws/c1'))!
    const graded = await grade(laptop, 'aws/c1', Rating.Good, Date.now())
    await editCardText(desktop, 'aws', 'c1', { front: 'What stores objects?', back: 'Amazon S3', extra: '' })
    await syncNow(desktop, folder)
    await syncNow(laptop, folder)
    expect((await laptop.cards.get('aws/c1'))!.question).toBe('What stores objects?')

    await undo(laptop, { label: 'Grade', before: [before], addedLogIds: [graded.logId] })
    const card = (await laptop.cards.get('aws/c1'))!
    expect(card).toMatchObject({ question: 'What stores objects?', answer: 'Amazon S3', reps: 0, state: before.state, due: before.due })
    expect(await laptop.reviews.count()).toBe(0)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
    expect((await desktop.cards.get('aws/c1'))!).toMatchObject({ question: 'What stores objects?', reps: 0 })
  })
})

describe('options and settings', () => {
  it('options changed on two machines, option by option, and a setting reach both', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    const shared = { id: 'exam', name: 'Exam prep', options: { ...DEFAULT_STUDY_OPTIONS, newCardsPerDay: 40 } }
    await savePresetForDeck(laptop, 'aws', shared)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    expect((await optionsForDeck(desktop, 'aws')).newCardsPerDay).toBe(40)
    await savePresetForDeck(laptop, 'aws', { ...shared, options: { ...shared.options, newCardsPerDay: 50 } })
    await savePresetForDeck(desktop, 'aws', { ...shared, options: { ...shared.options, reviewsPerDay: 500 } })
    await saveSetting(desktop, 'dayStartsAtHour', 6)
    await syncNow(laptop, folder)
    await syncNow(desktop, folder)
    await syncNow(laptop, folder)
    for (const db of [laptop, desktop]) {
      expect(await optionsForDeck(db, 'aws')).toMatchObject({ newCardsPerDay: 50, reviewsPerDay: 500 })
      expect((await db.settings.get('dayStartsAtHour'))?.value).toBe(6)
    }
  })
})

describe('a folder that fails', () => {
  it('a device whose own segment is damaged in the folder sends everything again instead of waiting for it', async () => {
    const { laptop, desktop, folder, t } = await linkedPair()
    await grade(laptop, 'aws/c1', Rating.Good, t)
    await syncNow(laptop, folder)
    // The engine damages the segment with that grade before the desktop read it.
    const [path, text] = [...folder.files].find(([, text]) => text.includes('"k":"review"'))!
    folder.files.set(path, text.replace('"rating":3', '"rating":4'))
    await grade(laptop, 'aws/c2', Rating.Easy, t + MINUTE)
    const report = await syncNow(laptop, folder)
    expect(report.ok).toBe(true)
    expect(report.notices).toContain(
      `This device's segment ${Number(/(\d+)\.seg$/.exec(path)![1])} went missing or was damaged in the sync folder; everything this collection holds was sent again, so the other devices lose nothing.`
    )
    const desk = await syncNow(desktop, folder)
    expect(desk.notices).toEqual([`${path} is damaged (its checksum does not match its content); it was left alone.`])
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
    expect((await collectionOf(desktop)).reviews).toHaveLength(2)
    // Sent once: the next sync of the laptop is an ordinary one.
    const again = await syncNow(laptop, folder)
    expect(again.ok && again.sent).toBe(0)
  })

  it('a full folder loses nothing: the next sync sends it', async () => {
    const { laptop, desktop, folder } = await linkedPair()
    await grade(laptop, 'aws/c1', Rating.Good, Date.now())
    folder.failWrites = { kind: 'full', message: 'The sync folder’s disk is full.' }
    const failed = await syncNow(laptop, folder)
    expect(failed.ok).toBe(false)
    expect(failed.folderProblem?.kind).toBe('full')
    expect(await laptop.table(OUTBOX_TABLE).count()).toBeGreaterThan(0)
    folder.failWrites = undefined
    const sent = await syncNow(laptop, folder)
    expect(sent.ok).toBe(true)
    expect(await laptop.table(OUTBOX_TABLE).count()).toBe(0)
    await syncNow(desktop, folder)
    expect(await desktop.reviews.count()).toBe(1)
    expect(await collectionOf(desktop)).toEqual(await collectionOf(laptop))
  })
})

describe('a collection not linked', () => {
  it('records nothing, and after unlinking records nothing again', async () => {
    const db = freshDatabase()
    await mergeDeck(db, { ...makeDeck('aws', makeCards(2)), origin: 'user' }, Date.now())
    await grade(db, 'aws/c1', Rating.Good, Date.now())
    expect(await db.table(OUTBOX_TABLE).count()).toBe(0)
    await linkCollection(db, new MemoryFolder(), 'merge')
    await grade(db, 'aws/c2', Rating.Good, Date.now())
    expect(await db.table(OUTBOX_TABLE).count()).toBe(1)
    await unlinkCollection(db)
    await grade(db, 'aws/c2', Rating.Good, Date.now() + MINUTE)
    expect(await db.table(OUTBOX_TABLE).count()).toBe(0)
  })
})

describe('three machines, segments in any order', () => {
  it('segments delivered late, out of order and twice give every machine the same collection', async () => {
    const folders = [new MemoryFolder(), new MemoryFolder(), new MemoryFolder()]
    const dbs = [freshDatabase(), freshDatabase(), freshDatabase()]
    await mergeDeck(dbs[0]!, { ...makeDeck('aws', makeCards(5)), origin: 'user' }, Date.now())
    await linkCollection(dbs[0]!, folders[0]!, 'merge')
    deliver(folders[0]!, folders[1]!)
    deliver(folders[0]!, folders[2]!)
    await linkCollection(dbs[1]!, folders[1]!, 'merge')
    await linkCollection(dbs[2]!, folders[2]!, 'merge')
    const t = Date.now()
    // Each machine studies and syncs twice, making two segments of its own.
    for (const round of [0, 1])
      for (const [i, db] of dbs.entries()) {
        await grade(db, `aws/c${1 + ((i + round) % 3)}`, ((i + round) % 4) + 1, t + (round * 3 + i) * MINUTE)
        await syncNow(db, folders[i]!)
      }
    // Machine 2 first gets machine 0's later segment only, then everything, with a conflict copy.
    const laterOf0 = [...folders[0]!.files.keys()].sort().at(-1)!
    deliver(folders[0]!, folders[2]!, (p) => p === laterOf0)
    const early = await syncNow(dbs[2]!, folders[2]!)
    const device0 = laterOf0.split('/')[0]!
    expect(early.devices.find((d) => d.device === device0)!.missing).toHaveLength(1)
    for (const [i, from] of folders.entries()) for (const [j, to] of folders.entries()) if (i !== j) deliver(from, to)
    folders[1]!.files.set(laterOf0.replace('.seg', '.sync-conflict-20260101-101010-ABCDEFG.seg'), folders[0]!.files.get(laterOf0)!)
    for (let round = 0; round < 2; round++) for (const [i, db] of dbs.entries()) await syncNow(db, folders[i]!)
    const first = await collectionOf(dbs[0]!)
    expect(first.reviews).toHaveLength(6)
    expect(await collectionOf(dbs[1]!)).toEqual(first)
    expect(await collectionOf(dbs[2]!)).toEqual(first)
  })
})
