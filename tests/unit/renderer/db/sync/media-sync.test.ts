import type { RecallDatabase } from '@db/database'
import { applyImport, planImport } from '@db/import-repository'
import { checkMedia as reportMedia, deleteUnusedMedia, getMedia } from '@db/media-repository'
import { syncNow } from '@db/sync/sync-engine'
import { linkCollection } from '@db/sync/sync-link'
import { OUTBOX_TABLE } from '@db/sync/sync-records'
import { createHash } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { HOSTILE_SVGS, pngOf } from '../../../../fixtures/media/make-media'
import { freshDatabase, makeCards, makeDeck } from '../../../helpers/fixtures'
import { deliver, MemoryFolder } from './memory-folder'
import { checked, importWithImage } from './sync-helpers'

/** A small real PNG, one colour per seed. */
const png = (seed: number) => pngOf(3, 2, [seed, 255 - seed, 40])

/** The hash as an outsider computes it (not the app's contentHash). */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The media table as a person would see it on a card: each name's bytes (and what they are). */
async function mediaOf(db: RecallDatabase) {
  return (await db.media.orderBy('name').toArray()).map(({ name, hash, type, size, bytes }) => ({
    name,
    hash,
    type,
    size,
    bytes: [...bytes]
  }))
}

/** Two collections, each with its own copy of the folder (the engine carries files between them when the test says). */
async function linkedApart(laptop = freshDatabase()) {
  const desktop = freshDatabase()
  const here = new MemoryFolder()
  const there = new MemoryFolder()
  await linkCollection(laptop, here, 'merge')
  deliver(here, there)
  await linkCollection(desktop, there, 'merge')
  deliver(there, here)
  return { laptop, desktop, here, there }
}

const isMedia = (path: string) => path.includes('/media/')

describe('media through the sync folder', () => {
  it('an image imported before linking reaches the other collection under its name, with its bytes, and the card finds it', async () => {
    const laptop = freshDatabase()
    const image = png(70)
    await importWithImage(laptop, 'anatomy', 'heart.png', image)
    const folder = new MemoryFolder()
    await linkCollection(laptop, folder, 'merge')
    expect([...folder.media.keys()]).toEqual([expect.stringMatching(new RegExp(`/media/${sha256(image)}$`))])

    const desktop = freshDatabase()
    const report = await linkCollection(desktop, folder, 'merge')
    expect(report.media).toEqual({ changed: 1, arriving: 0 })
    const stored = await getMedia(desktop, 'heart.png')
    expect(stored && { hash: stored.hash, type: stored.type, bytes: [...stored.bytes] }).toEqual({
      hash: sha256(image),
      type: 'image/png',
      bytes: [...image]
    })
    expect((await desktop.cards.get('anatomy/c1'))?.question).toContain('heart.png')
    expect(await mediaOf(desktop)).toEqual(await mediaOf(laptop))
  })

  it('an image added after linking goes as a name in the outbox (never its bytes), and its content is written once for two names', async () => {
    const { laptop, desktop, here, there } = await linkedApart()
    const image = png(189)
    await importWithImage(laptop, 'anatomy', 'heart.png', image)
    // A second name for the same content (as a rename in another program would leave it).
    await laptop.transaction('rw', laptop.media, async () => {
      const heart = (await laptop.media.get('heart.png'))!
      await laptop.media.put({ ...heart, name: 'heart-copy.png' })
    })
    const outbox = JSON.stringify(await laptop.table(OUTBOX_TABLE).toArray())
    expect(outbox).toContain('heart-copy.png')
    expect(outbox).not.toContain('bytes')

    const writes = vi.spyOn(here, 'writeMedia')
    await syncNow(laptop, here)
    expect(writes).toHaveBeenCalledTimes(1)
    expect(writes.mock.calls[0]![1]).toBe(sha256(image))
    // The content is in the folder now: another name for it later writes nothing more.
    await laptop.transaction('rw', laptop.media, async () => {
      await laptop.media.put({ ...(await laptop.media.get('heart.png'))!, name: 'heart-3.png' })
    })
    await syncNow(laptop, here)
    expect(writes).toHaveBeenCalledTimes(1)

    deliver(here, there)
    await syncNow(desktop, there)
    expect((await mediaOf(desktop)).map((m) => m.name)).toEqual(['heart-3.png', 'heart-copy.png', 'heart.png'])
    expect(await mediaOf(desktop)).toEqual(await mediaOf(laptop))
  })

  it('a segment that arrives before its media file: the name waits, nothing half stored, and the next sync completes it', async () => {
    const { laptop, desktop, here, there } = await linkedApart()
    const image = png(182)
    await importWithImage(laptop, 'anatomy', 'lung.png', image)
    await syncNow(laptop, here)
    deliver(here, there, (path) => !isMedia(path))

    const early = await syncNow(desktop, there)
    expect(early.ok).toBe(true)
    expect(early.media).toEqual({ changed: 0, arriving: 1 })
    expect(early.notices.join(' ')).toMatch(/1 media file has not arrived/)
    expect(await desktop.notes.get('anatomy/c1')).toBeDefined()
    expect(await desktop.media.count()).toBe(0)

    deliver(here, there)
    const later = await syncNow(desktop, there)
    expect(later.media).toEqual({ changed: 1, arriving: 0 })
    expect(later.notices).toEqual([])
    expect(await mediaOf(desktop)).toEqual(await mediaOf(laptop))
  })

  it('a media file whose bytes do not match its hash is refused and reported, and the whole one is taken when it arrives', async () => {
    const { laptop, desktop, here, there } = await linkedApart()
    const image = png(140)
    await importWithImage(laptop, 'anatomy', 'brain.png', image)
    await syncNow(laptop, here)
    deliver(here, there, (path) => !isMedia(path))
    const [path] = [...here.media.keys()]
    // Cut short by the engine, as a file still being written looks.
    there.media.set(path!, image.slice(0, 10))

    const report = await syncNow(desktop, there)
    expect(report.media?.arriving).toBe(1)
    expect(report.notices.join(' ')).toMatch(/does not match its name/)
    expect(await desktop.media.get('brain.png')).toBeUndefined()

    deliver(here, there)
    await syncNow(desktop, there)
    expect([...((await desktop.media.get('brain.png'))?.bytes ?? [])]).toEqual([...image])
  })

  it('a file deleted by Check media on one machine is deleted on the other', async () => {
    const shared = new MemoryFolder()
    const laptop = freshDatabase()
    await importWithImage(laptop, 'anatomy', 'heart.png', png(7))
    const { deck } = makeDeck('extra', makeCards(1))
    // A file no note names: Check media lists it as unused.
    await applyImport(laptop, deck, await planImport(laptop, deck), {
      file: 'extra.json',
      keepRemoved: false,
      now: Date.now(),
      media: [checked('unused.png', png(14))]
    })
    await linkCollection(laptop, shared, 'merge')
    const desktop = freshDatabase()
    await linkCollection(desktop, shared, 'merge')
    expect((await mediaOf(desktop)).map((m) => m.name)).toEqual(['heart.png', 'unused.png'])

    const unused = (await reportMedia(laptop)).unused.map((u) => u.name)
    expect(unused).toEqual(['unused.png'])
    await deleteUnusedMedia(laptop, unused)
    await syncNow(laptop, shared)
    const report = await syncNow(desktop, shared)
    expect(report.media).toEqual({ changed: 1, arriving: 0 })
    expect((await mediaOf(desktop)).map((m) => m.name)).toEqual(['heart.png'])
  })

  it('a name renamed on one machine and given new content on the other ends the same on both: the later write wins', async () => {
    const first = png(21)
    const second = png(49)
    const rename = (db: RecallDatabase) =>
      db.transaction('rw', db.media, async () => {
        const old = (await db.media.get('a.png'))!
        await db.media.delete('a.png')
        await db.media.put({ ...old, name: 'b.png' })
      })
    const repoint = (db: RecallDatabase) =>
      db.transaction('rw', db.media, () =>
        db.media.put({ name: 'a.png', hash: sha256(second), type: 'image/png', size: second.length, bytes: second, added: Date.now() })
      )

    for (const renamerFirst of [true, false]) {
      const laptop = freshDatabase()
      await importWithImage(laptop, 'anatomy', 'a.png', first)
      const shared = new MemoryFolder()
      await linkCollection(laptop, shared, 'merge')
      const desktop = freshDatabase()
      await linkCollection(desktop, shared, 'merge')
      // Both change the name offline; the one that syncs second has seen the other's stamp, so its write is the later one.
      await rename(laptop)
      await repoint(desktop)
      const [a, b] = renamerFirst ? [laptop, desktop] : [desktop, laptop]
      await syncNow(a, shared)
      await syncNow(b, shared)
      await syncNow(a, shared)
      const expected = renamerFirst
        ? [
            { name: 'a.png', hash: sha256(second) },
            { name: 'b.png', hash: sha256(first) }
          ]
        : [{ name: 'b.png', hash: sha256(first) }]
      expect((await mediaOf(laptop)).map(({ name, hash }) => ({ name, hash }))).toEqual(expected)
      expect(await mediaOf(desktop)).toEqual(await mediaOf(laptop))
    }
  })

  it('a media file that cannot be written keeps the segment naming it back: no device is told of bytes that are not there', async () => {
    const { laptop, desktop, here } = await linkedApart()
    await importWithImage(laptop, 'anatomy', 'heart.png', png(120))
    const before = here.files.size
    const full = { kind: 'full', message: 'The sync folder’s disk is full.' } as const
    vi.spyOn(here, 'writeMedia').mockResolvedValueOnce({ ok: false, problem: full })
    const failed = await syncNow(laptop, here)
    expect(failed.ok).toBe(false)
    expect(failed.folderProblem).toEqual(full)
    expect(here.files.size).toBe(before)
    expect(await laptop.table(OUTBOX_TABLE).count()).toBeGreaterThan(0)

    expect((await syncNow(laptop, here)).ok).toBe(true)
    expect(here.files.size).toBeGreaterThan(before)
    await syncNow(desktop, here)
    expect(await mediaOf(desktop)).toEqual(await mediaOf(laptop))
  })

  it('an SVG with a script, written into the table on another machine without the import’s checks, is refused here', async () => {
    const { laptop, desktop, here, there } = await linkedApart()
    const [hostile] = Object.values(HOSTILE_SVGS)
    await laptop.transaction('rw', laptop.media, () =>
      laptop.media.put({
        name: 'chart.svg',
        hash: sha256(hostile!),
        type: 'image/svg+xml',
        size: hostile!.length,
        bytes: hostile!,
        added: 0
      })
    )
    await syncNow(laptop, here)
    deliver(here, there)
    const report = await syncNow(desktop, there)
    expect(report.notices.join(' ')).toMatch(/chart\.svg.*refused|refused.*chart\.svg/)
    expect(await desktop.media.get('chart.svg')).toBeUndefined()
  })
})
