/// <reference lib="webworker" />
import { importDeckFile, isAnkiPackage } from '@shared/deck/import-file'
import initSqlJs from 'sql.js'
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url'

/**
 * Reads a deck file off the UI thread: a 50 MB spreadsheet or an Anki package never freezes the
 * window. The page posts {name, bytes}; the worker answers with the importer's {deck, problems}.
 */
self.onmessage = async (event: MessageEvent<{ name: string; bytes: Uint8Array }>) => {
  const input = event.data
  try {
    const sqlJs = isAnkiPackage(input) ? await initSqlJs({ locateFile: () => sqlWasmUrl }) : undefined
    self.postMessage(await importDeckFile(input, { sqlJs }))
  } catch (error) {
    self.postMessage({
      problems: [{ file: input.name, message: `the file could not be read (${error instanceof Error ? error.message : String(error)})` }]
    })
  }
}
