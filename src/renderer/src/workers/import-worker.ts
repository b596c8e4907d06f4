/// <reference lib="webworker" />
import { importDeckFile, isAnkiPackage } from '@shared/deck/import-file'
import type { ImportWorkerMessage } from '@platform/read-deck-in-worker'
import type { CsvChoice } from '@shared/deck/csv-reading'
import initSqlJs from 'sql.js'
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url'

/**
 * Reads a deck file off the UI thread: a 50 MB spreadsheet or an Anki package never freezes the
 * window. The page posts {name, bytes}; the worker reports its progress, then answers with the
 * importer's {deck, problems}. Cancelling ends the worker, and nothing has been stored by then.
 */
const post = (message: ImportWorkerMessage) => self.postMessage(message)

self.onmessage = async (event: MessageEvent<{ name: string; bytes: Uint8Array; csv?: CsvChoice }>) => {
  const input = event.data
  try {
    const sqlJs = isAnkiPackage(input) ? await initSqlJs({ locateFile: () => sqlWasmUrl }) : undefined
    const result = await importDeckFile(input, { sqlJs, csv: input.csv, onProgress: (progress) => post({ kind: 'progress', progress }) })
    post({ kind: 'result', result })
  } catch (error) {
    post({
      kind: 'result',
      result: {
        problems: [{ file: input.name, message: `the file could not be read (${error instanceof Error ? error.message : String(error)})` }]
      }
    })
  }
}
