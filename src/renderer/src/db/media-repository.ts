import type { MediaRecord, MediaReport } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { mediaNamesOf } from '@shared/media/deck-media'
import { contentHash, type CheckedMedia } from '@shared/media/media-file'
import { mediaRefs } from '@shared/media/media-refs'

/** A checked file with its content hash, ready to store (hashing runs outside any transaction). */
export interface HashedMedia extends CheckedMedia {
  hash: string
}

export async function hashMedia(files: readonly CheckedMedia[]): Promise<HashedMedia[]> {
  return Promise.all(files.map(async (file) => ({ ...file, hash: await contentHash(file.bytes) })))
}

/**
 * Stores files, each content once; call it inside the transaction that writes the notes naming
 * them. A file whose content is already stored is not stored again: its notes name the stored
 * file. A name taken by other content gets the hash in it (`diagram-1a2b3c4d.png`). Returns every
 * name that changed (name as given → name in the collection), for the notes to be rewritten.
 */
export async function storeMedia(db: RecallDatabase, files: readonly HashedMedia[], now: number): Promise<Map<string, string>> {
  const renamed = new Map<string, string>()
  for (const file of files) {
    const same = await db.media.where('hash').equals(file.hash).first()
    if (same) {
      if (same.name !== file.name) renamed.set(file.name, same.name)
      continue
    }
    let name = file.name
    if (await db.media.get(name)) {
      const dot = name.lastIndexOf('.')
      name = `${name.slice(0, dot)}-${file.hash.slice(0, 8)}${name.slice(dot)}`
      renamed.set(file.name, name)
    }
    await db.media.put({ name, hash: file.hash, type: file.type, size: file.bytes.length, bytes: file.bytes, added: now })
  }
  return renamed
}

export function getMedia(db: RecallDatabase, name: string): Promise<MediaRecord | undefined> {
  return db.media.get(name)
}

/** The media a deck's notes name, for its export. */
export async function mediaOfNotes(db: RecallDatabase, notes: Parameters<typeof mediaNamesOf>[0]): Promise<MediaRecord[]> {
  const names = [...mediaNamesOf(notes)]
  return (await db.media.bulkGet(names)).filter((m): m is MediaRecord => m !== undefined)
}

/** Anki's Check media: files no note or card names, and names no file answers. */
export async function checkMedia(db: RecallDatabase): Promise<MediaReport> {
  const used = new Map<string, number>()
  const count = (text: string | undefined, seen: Set<string>) => {
    if (!text) return
    for (const ref of mediaRefs(text)) seen.add(ref.name)
  }
  await db.notes.each((record) => {
    if (record.removed) return
    const seen = new Set<string>()
    for (const name of mediaNamesOf([record.note])) seen.add(name)
    for (const name of seen) used.set(name, (used.get(name) ?? 0) + 1)
  })
  // Cards keep their own copy of the text (edited cards too).
  await db.cards.each((card) => {
    const seen = new Set<string>()
    count(card.question, seen)
    count(card.answer, seen)
    count(card.extra, seen)
    for (const name of seen) if (!used.has(name)) used.set(name, 1)
  })
  const unused: MediaReport['unused'] = []
  const present = new Set<string>()
  let bytes = 0
  await db.media.each((m) => {
    present.add(m.name)
    bytes += m.size
    if (!used.has(m.name)) unused.push({ name: m.name, size: m.size })
  })
  const missing = [...used].filter(([name]) => !present.has(name)).map(([name, notes]) => ({ name, notes }))
  return { unused, missing, files: present.size, bytes }
}

/** Deletes files that nothing names any more (checked again in the same transaction). */
export async function deleteUnusedMedia(db: RecallDatabase, names: readonly string[]): Promise<number> {
  const report = await checkMedia(db)
  const unused = new Set(report.unused.map((u) => u.name))
  const doomed = names.filter((n) => unused.has(n))
  await db.media.bulkDelete(doomed)
  return doomed.length
}
