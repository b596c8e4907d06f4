import { plural } from '@core/format'
import type { MediaReport } from '@core/model'
import { describeStorageError } from '@db/storage-errors'
import { deleteUnusedMedia, getMedia, hashMedia, checkMedia as reportMedia, storeMedia } from '@db/media-repository'
import { checkMedia, contentHash, extensionOf, sniffType, type CheckedMedia } from '@shared/media/media-file'
import { imageMarkdown } from '@shared/media/media-refs'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { forgetMedia, forgetMissingMedia, setMediaLoader } from '@store/media-urls'
import type { StateCreator } from 'zustand'

interface MediaCheck {
  status: 'idle' | 'running' | 'done' | 'failed'
  report?: MediaReport
  message?: string
}

/** A file pasted or dropped into a card field. */
interface IncomingMedia {
  name: string
  bytes: Uint8Array
  /** From the clipboard: its name ("image.png") says nothing, so it is named by its content. */
  pasted: boolean
}

export interface MediaSlice {
  mediaCheck: MediaCheck
  /** Anki's Check media: files nothing names, names no file answers. */
  checkMedia(): Promise<void>
  /** Deletes the files the last check found unused (checked again first). */
  deleteUnusedMedia(): Promise<void>
  /** Adds pasted or dropped files to the collection; returns what to write in the field for each, and why others were refused. */
  addMediaFiles(files: readonly IncomingMedia[]): Promise<{ markdown: string[]; problems: string[] }>
}

const EXTENSION_OF_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav'
}

/** A name the collection can take: Anki's `paste-<hash>.png` for pasted files, else the file's own name made plain. */
async function incomingName(file: IncomingMedia): Promise<string> {
  const sniffed = sniffType(file.bytes)
  const extension = (sniffed && EXTENSION_OF_TYPE[sniffed]) ?? extensionOf(file.name)
  if (file.pasted) return `paste-${(await contentHash(file.bytes)).slice(0, 16)}.${extension}`
  const plain = file.name
    .split(/[/\\]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\u0000-\u001f\u007f/\\:]/g, '_')
    .replace(/^\.+/, '')
    .slice(-100)
  return plain || `file.${extension}`
}

export const createMediaSlice =
  ({ db, now }: StoreDeps): StateCreator<RecallState, [], [], MediaSlice> =>
  (set, get) => {
    setMediaLoader((name) => getMedia(db, name))
    return {
      mediaCheck: { status: 'idle' },

      async checkMedia() {
        if (get().mediaCheck.status === 'running') return
        set({ mediaCheck: { status: 'running' } })
        try {
          set({ mediaCheck: { status: 'done', report: await reportMedia(db) } })
        } catch (error) {
          set({ mediaCheck: { status: 'failed', message: `The check stopped. ${describeStorageError(error)}` } })
        }
      },

      async deleteUnusedMedia() {
        const unused = get().mediaCheck.report?.unused.map((u) => u.name) ?? []
        if (unused.length === 0) return
        set({ mediaCheck: { ...get().mediaCheck, status: 'running' } })
        try {
          const deleted = await deleteUnusedMedia(db, unused)
          forgetMedia(unused)
          set({
            mediaCheck: {
              status: 'done',
              report: await reportMedia(db),
              message: `Deleted ${plural(deleted, 'unused file')}.`
            }
          })
        } catch (error) {
          set({ mediaCheck: { status: 'failed', message: `Nothing was deleted. ${describeStorageError(error)}` } })
        }
      },

      async addMediaFiles(files) {
        const checked: CheckedMedia[] = []
        const problems: string[] = []
        for (const file of files) {
          const result = checkMedia({ name: await incomingName(file), bytes: file.bytes })
          if ('problem' in result) problems.push(`${file.name || 'The pasted file'} was not added: ${result.problem}.`)
          else checked.push(result)
        }
        if (checked.length === 0) return { markdown: [], problems }
        try {
          const hashed = await hashMedia(checked)
          const renamed = await db.transaction('rw', db.media, () => storeMedia(db, hashed, now()))
          const names = hashed.map((file) => renamed.get(file.name) ?? file.name)
          forgetMissingMedia()
          return {
            markdown: names.map((name, i) => (hashed[i]!.kind === 'sound' ? `[sound:${name}]` : imageMarkdown(name))),
            problems
          }
        } catch (error) {
          return { markdown: [], problems: [...problems, `The files were not added. ${describeStorageError(error)}`] }
        }
      }
    }
  }
