import { reasonOf } from '@core/errors'
import type { MergeSummary } from '@db/deck-repository'
import type { ImportPlan } from '@db/import-repository'
import { plural } from '@core/format'
import { MAX_IMPORT_BYTES } from '@shared/deck/import-limits'
import type { DeckProblem } from '@shared/deck/problems'
import type { ImportProgress } from '@shared/deck/import-progress'
import type { Deck } from '@shared/deck/schema'
import type { CheckedMedia } from '@shared/media/media-file'
import type { StoreDeps } from '@store/deps'
import { forgetMissingMedia, previewMedia } from '@store/media-urls'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'

/** ", 3 images and 1 sound" for the import's summary. */
function mediaCount(media: readonly CheckedMedia[] = []): string {
  const images = media.filter((m) => m.kind === 'image').length
  const sounds = media.length - images
  const part = (n: number, what: string) => (n ? plural(n, what) : '')
  const parts = [part(images, 'image'), part(sounds, 'sound')].filter(Boolean)
  return parts.length ? `, ${parts.join(' and ')}` : ''
}

/**
 * What an import did, in notes as the preview counted them: "Imported “X”: 3 notes added,
 * 1 updated, 40 kept unchanged, 2 set aside with their progress; 4 new study cards, 3 images."
 */
function importMessage(name: string, plan: ImportPlan, keepRemoved: boolean, summary: MergeSummary, media?: readonly CheckedMedia[]): string {
  const parts = [
    `${plural(plan.added, 'note')} added`,
    `${plan.updated.toLocaleString()} updated`,
    `${plan.unchanged.toLocaleString()} kept unchanged`,
    ...(plan.removed.length > 0
      ? [keepRemoved ? `${plan.removed.length.toLocaleString()} not in the file kept in study` : `${plan.removed.length.toLocaleString()} set aside with their progress`]
      : [])
  ]
  const cards = summary.added > 0 ? `; ${plural(summary.added, 'new study card')}` : ''
  return `Imported “${name}”: ${parts.join(', ')}${cards}${mediaCount(media)}.`
}

// The merge is fetched with the import, not at start.
const importDb = () => import('@db/import-repository')

interface ImportState {
  status: 'reading' | 'preview' | 'importing' | 'done' | 'failed'
  fileName: string
  deck?: Deck
  /** The images and sounds that come with the deck. */
  media?: CheckedMedia[]
  plan?: ImportPlan
  problems: DeckProblem[]
  keepRemoved: boolean
  message?: string
  /** How far reading has got (a long Anki package or spreadsheet). */
  progress?: ImportProgress
}

export interface ImportSlice {
  importer: ImportState | null
  /** Reads a file and shows what importing it would do; nothing changes until confirmImport. */
  startImport(file: File | { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void>
  setKeepRemoved(keep: boolean): void
  /** Stops reading a file; nothing has been stored, and the dialog closes. */
  cancelImport(): void
  confirmImport(): Promise<void>
  closeImport(): void
}

export const createImportSlice =
  ({ db, platform, now }: StoreDeps): StateCreator<RecallState, [], [], ImportSlice> =>
  (set, get) => {
    const update = (patch: Partial<ImportState>) => {
      const current = get().importer
      if (current) set({ importer: { ...current, ...patch } })
    }
    let reading: AbortController | undefined
    return {
      importer: null,

      async startImport(file) {
        reading?.abort()
        const controller = (reading = new AbortController())
        set({ importer: { status: 'reading', fileName: file.name, problems: [], keepRemoved: false } })
        if (file.size > MAX_IMPORT_BYTES) {
          const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`
          return update({
            status: 'failed',
            message: `${file.name} is ${mb(file.size)}; Recall imports files of up to ${mb(MAX_IMPORT_BYTES)}. Nothing was changed.`
          })
        }
        try {
          const bytes = new Uint8Array(await file.arrayBuffer())
          const result = await platform.readDeckFile(
            { name: file.name, bytes },
            {
              signal: controller.signal,
              onProgress: (progress) => {
                if (!controller.signal.aborted) update({ progress })
              }
            }
          )
          if (controller.signal.aborted || get().importer?.fileName !== file.name) return // cancelled or replaced meanwhile
          if (!result.deck)
            return update({ status: 'failed', problems: result.problems, message: `${file.name} cannot be imported. Nothing was changed.` })
          previewMedia(result.media ?? [])
          update({
            status: 'preview',
            deck: result.deck,
            media: result.media ?? [],
            problems: result.problems,
            plan: await (await importDb()).planImport(db, result.deck)
          })
        } catch (error) {
          update({ status: 'failed', message: `${file.name} could not be read (${reasonOf(error)}). Nothing was changed.` })
        }
      },

      setKeepRemoved: (keep) => update({ keepRemoved: keep }),

      cancelImport() {
        reading?.abort()
        reading = undefined
        previewMedia([])
        set({ importer: null })
      },

      async confirmImport() {
        const importer = get().importer
        if (!importer?.deck || !importer.plan || importer.status !== 'preview') return
        update({ status: 'importing' })
        try {
          const summary = await (
            await importDb()
          ).applyImport(db, importer.deck, importer.plan, {
            file: importer.fileName,
            keepRemoved: importer.keepRemoved,
            now: now(),
            media: importer.media
          })
          previewMedia([])
          forgetMissingMedia()
          update({ status: 'done', message: importMessage(importer.deck.name, importer.plan, importer.keepRemoved, summary, importer.media) })
          await get().refreshCounts()
          void platform.backups?.noteStudyActivity()
        } catch (error) {
          update({ status: 'failed', message: `The import failed and nothing was changed (${reasonOf(error)}).` })
        }
      },

      closeImport: () => {
        reading?.abort()
        reading = undefined
        previewMedia([])
        set({ importer: null })
      }
    }
  }
