import { reasonOf } from '@core/errors'
import { describeHistory } from '@core/scheduling/anki-history'
import type { MergeSummary } from '@db/deck-repository'
import type { ImportPlan } from '@db/import-repository'
import { plural } from '@core/format'
import { MAX_IMPORT_BYTES } from '@shared/deck/import-limits'
import type { CheckedMedia } from '@shared/media/media-file'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import { forgetMissingMedia, previewMedia } from '@store/media-urls'
import type { ImportSlice, ImportState } from '@store/import-slice'

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

/** What importing a deck file does (import-slice.ts holds its state): fetched when the first file is dropped or picked. */
export type ImportActions = Omit<ImportSlice, 'importer'>

export function importActions({ db, platform, now }: StoreDeps, set: SetRecall, get: GetRecall): ImportActions {
  const update = (patch: Partial<ImportState>) => {
    const current = get().importer
    if (current) set({ importer: { ...current, ...patch } })
  }
  let reading: AbortController | undefined
  // The file being imported, kept to read it again with other CSV settings (its bytes went to the worker).
  let source: Parameters<ImportSlice['startImport']>[0] | undefined
  return {
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
