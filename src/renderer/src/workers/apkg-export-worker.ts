/// <reference lib="webworker" />
import type { ApkgWorkerReply } from '@platform/build-apkg-in-worker'
import { buildApkg, type ApkgInput } from '@shared/deck/apkg-export'
import initSqlJs from 'sql.js'
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url'

/**
 * Writes an Anki package off the UI thread (shared/deck/apkg-export.ts): a whole collection takes
 * seconds, and the window must stay responsive meanwhile. The page posts the decks, cards, reviews
 * and media; the worker answers with the package's bytes, or with why it could not be written.
 */
self.onmessage = async (event: MessageEvent<ApkgInput>) => {
  try {
    const sqlJs = await initSqlJs({ locateFile: () => sqlWasmUrl })
    const result = buildApkg(event.data, sqlJs)
    const reply: ApkgWorkerReply = { ok: true, result }
    self.postMessage(reply, [result.bytes.buffer])
  } catch (error) {
    const reply: ApkgWorkerReply = { ok: false, message: error instanceof Error ? error.message : String(error) }
    self.postMessage(reply)
  }
}
