import { reasonOf } from '@core/errors'
import { describeHistory } from '@core/scheduling/anki-history'
import type { PackageHistory } from '@shared/deck/apkg-history'
import type { MergeSummary } from '@db/deck-repository'
import type { ImportPlan } from '@db/import-repository'
import { plural } from '@core/format'
import { MAX_IMPORT_BYTES } from '@shared/deck/import-limits'
import type { DeckProblem } from '@shared/deck/problems'
import type { CsvChoice, CsvReading } from '@shared/deck/csv-reading'
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
 * 1 note updated, 40 notes kept unchanged, 2 notes set aside with their progress; 4 new study
 * cards, 3 images." Counts of nothing are left out.
 */
function importMessage(
  name: string,
  plan: ImportPlan,
  keepRemoved: boolean,
  summary: MergeSummary,
  media?: readonly CheckedMedia[]
): string {
  const removed = plan.removed.length
  const parts = [
    ...(plan.added > 0 || plan.updated + plan.unchanged === 0 ? [`${plural(plan.added, 'note')} added`] : []),
    ...(plan.updated > 0 ? [`${plural(plan.updated, 'note')} updated`] : []),
    ...(plan.unchanged > 0 ? [`${plural(plan.unchanged, 'note')} kept unchanged`] : []),
    ...(removed > 0
      ? [`${plural(removed, 'note')} ${keepRemoved ? 'not in the file kept in study' : 'set aside with their progress'}`]
      : [])
  ]
  const cards = summary.added > 0 ? `; ${plural(summary.added, 'new study card')}` : ''
  return `Imported “${name}”: ${parts.join(', ')}${cards}${mediaCount(media)}.`
}

/** Why a deck cannot take this name, or undefined: it needs one, of at most 200 characters, not another deck's. */
function deckNameProblem(name: string, deckId: string, decks: readonly { id: string; name: string }[]): string | undefined {
  const trimmed = name.trim()
  if (!trimmed) return 'The deck needs a name.'
  if (trimmed.length > MAX_DECK_NAME) return `A deck name is at most ${MAX_DECK_NAME} characters.`
  const clash = decks.find((d) => d.id !== deckId && d.name.toLowerCase() === trimmed.toLowerCase())
  return clash ? `There is already a deck called “${clash.name}”.` : undefined
}

const MAX_DECK_NAME = 200

// The merge is fetched with the import, not at start.
const importDb = () => import('@db/import-repository')

interface ImportState {
  status: 'reading' | 'preview' | 'importing' | 'done' | 'failed'
  fileName: string
  deck?: Deck
  /** The images and sounds that come with the deck. */
  media?: CheckedMedia[]
  plan?: ImportPlan
  /** The deck's name as the person typed it in the preview; until then the plan's name is used. */
  deckName?: string
  /** Why the typed name cannot be used; the import waits until it is changed. */
  nameProblem?: string
  problems: DeckProblem[]
  keepRemoved: boolean
  /** An Anki package's review history, and whether the person chose to bring it (off, as in Anki). */
  history?: PackageHistory
  withHistory?: boolean
  message?: string
  /** How far reading has got (a long Anki package or spreadsheet). */
  progress?: ImportProgress
  /** How a CSV or TSV file was read; the preview lets the person change it (rereadImport). */
  csv?: CsvReading
}

export interface ImportSlice {
  importer: ImportState | null
  /** Reads a file and shows what importing it would do; nothing changes until confirmImport. */
  startImport(file: File | { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<void>
  /** The name the new or updated deck gets (not a built-in deck's: that follows the app). */
  setImportName(name: string): void
  setKeepRemoved(keep: boolean): void
  setWithHistory(bring: boolean): void
  /** Reads the same CSV or TSV file again with another separator, header row or columns. */
  rereadImport(choice: CsvChoice): Promise<void>
  /** Stops reading a file; nothing has been stored, and the dialog closes. */
  cancelImport(): void
  /** Imports what the preview shows; when the deck's name cannot be used, changes nothing and returns why. */
  confirmImport(): Promise<string | undefined>
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
    // The file being imported, kept to read it again with other CSV settings (its bytes went to the worker).
    let source: Parameters<ImportSlice['startImport']>[0] | undefined
    return {
      importer: null,

      async startImport(file) {
        reading?.abort()
        const controller = (reading = new AbortController())
        source = file
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
            return update({
              status: 'failed',
              problems: result.problems,
              ...(result.csv ? { csv: result.csv } : {}),
              message: `${file.name} cannot be imported. Nothing was changed.`
            })
          previewMedia(result.media ?? [])
          update({
            status: 'preview',
            deck: result.deck,
            media: result.media ?? [],
            problems: result.problems,
            ...(result.history ? { history: result.history } : {}),
            ...(result.csv ? { csv: result.csv } : {}),
            plan: await (await importDb()).planImport(db, result.deck)
          })
        } catch (error) {
          update({ status: 'failed', message: `${file.name} could not be read (${reasonOf(error)}). Nothing was changed.` })
        }
      },

      setImportName(name) {
        const plan = get().importer?.plan
        if (!plan || plan.builtIn) return
        update({ deckName: name, nameProblem: deckNameProblem(name, plan.deckId, get().library.decks) })
      },

      setKeepRemoved: (keep) => update({ keepRemoved: keep }),

      setWithHistory: (bring) => update({ withHistory: bring }),

      async rereadImport(choice) {
        const file = source
        if (!file || get().importer?.fileName !== file.name) return
        reading?.abort()
        const controller = (reading = new AbortController())
        update({ status: 'reading', message: undefined })
        try {
          const bytes = new Uint8Array(await file.arrayBuffer())
          const result = await platform.readDeckFile({ name: file.name, bytes }, { signal: controller.signal, csv: choice })
          if (controller.signal.aborted || get().importer?.fileName !== file.name) return
          previewMedia(result.media ?? [])
          update({
            status: result.deck ? 'preview' : 'failed',
            deck: result.deck,
            media: result.media ?? [],
            problems: result.problems,
            csv: result.csv,
            plan: result.deck ? await (await importDb()).planImport(db, result.deck) : undefined,
            message: result.deck ? undefined : `${file.name} cannot be imported this way. Nothing was changed.`
          })
        } catch (error) {
          update({ status: 'failed', message: `${file.name} could not be read (${reasonOf(error)}). Nothing was changed.` })
        }
      },

      cancelImport() {
        reading?.abort()
        reading = undefined
        previewMedia([])
        set({ importer: null })
      },

      async confirmImport() {
        const importer = get().importer
        if (!importer?.deck || !importer.plan || importer.status !== 'preview') return undefined
        const typed = importer.plan.builtIn ? undefined : importer.deckName
        const nameProblem = typed === undefined ? undefined : deckNameProblem(typed, importer.plan.deckId, get().library.decks)
        if (nameProblem) {
          update({ nameProblem })
          return nameProblem
        }
        const plan = typed === undefined ? importer.plan : { ...importer.plan, name: typed.trim() }
        update({ status: 'importing' })
        try {
          const summary = await (
            await importDb()
          ).applyImport(db, importer.deck, plan, {
            file: importer.fileName,
            keepRemoved: importer.keepRemoved,
            now: now(),
            media: importer.media,
            ...(importer.withHistory && importer.history ? { history: importer.history } : {})
          })
          previewMedia([])
          forgetMissingMedia()
          update({
            status: 'done',
            message: `${importMessage(plan.name, plan, importer.keepRemoved, summary, importer.media)}${summary.history ? ` ${describeHistory(summary.history)}` : ''}`
          })
          await get().refreshCounts()
          void platform.backups?.noteStudyActivity()
        } catch (error) {
          update({ status: 'failed', message: `The import failed and nothing was changed (${reasonOf(error)}).` })
        }
        return undefined
      },

      closeImport: () => {
        reading?.abort()
        reading = undefined
        previewMedia([])
        set({ importer: null })
      }
    }
  }
