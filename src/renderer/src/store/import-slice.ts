import { reasonOf } from '@core/errors'
import type { PackageHistory } from '@shared/deck/apkg-history'
import type { ImportPlan } from '@db/import-repository'
import type { DeckProblem } from '@shared/deck/problems'
import type { CsvChoice, CsvReading } from '@shared/deck/csv-reading'
import type { ImportProgress } from '@shared/deck/import-progress'
import type { Deck } from '@shared/deck/schema'
import type { CheckedMedia } from '@shared/media/media-file'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { StateCreator } from 'zustand'
import { lazyActions, standIns } from '@store/lazy-actions'

export interface ImportState {
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
  (deps: StoreDeps): StateCreator<RecallState, [], [], ImportSlice> =>
  (set, get) => {
    // Reading a file, its preview and the merge are fetched with the first import.
    const later = lazyActions(
      () => import('@store/import-actions'),
      (code) => code.importActions(deps, set, get),
      (error, name, args) => {
        const file = name === 'startImport' ? (args[0] as { name: string }).name : get().importer?.fileName
        if (file === undefined) return
        set({
          importer: {
            status: 'failed',
            fileName: file,
            problems: [],
            keepRemoved: false,
            message: `${file} could not be read (${reasonOf(error)}). Nothing was changed.`
          }
        })
      }
    )
    return {
      importer: null,
      // The dialog opens at once on the file being read, its code and the reader's arriving side by side.
      async startImport(file) {
        set({ importer: { status: 'reading', fileName: file.name, problems: [], keepRemoved: false } })
        await later('startImport')(file)
      },
      ...standIns(later, [
        'setImportName',
        'setKeepRemoved',
        'setWithHistory',
        'rereadImport',
        'cancelImport',
        'confirmImport',
        'closeImport'
      ])
    }
  }
