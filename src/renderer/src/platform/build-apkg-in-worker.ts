import type { ApkgExport, ApkgInput } from '@shared/deck/apkg-export'

export type ApkgWorkerReply = { ok: true; result: ApkgExport } | { ok: false; message: string }

/**
 * Builds an Anki package in a worker (workers/apkg-export-worker.ts), so that a whole collection
 * never freezes the window; one worker per export, ended when it answers.
 */
export async function buildApkgInWorker(input: ApkgInput): Promise<ApkgWorkerReply> {
  // Without workers (the unit tests under Node), in this thread; sql.js then finds its wasm itself.
  if (typeof Worker === 'undefined') {
    const [{ buildApkg }, { default: initSqlJs }] = await Promise.all([import('@shared/deck/apkg-export'), import('sql.js')])
    return { ok: true, result: buildApkg(input, await initSqlJs()) }
  }
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../workers/apkg-export-worker.ts', import.meta.url), { type: 'module' })
    const finish = (reply: ApkgWorkerReply) => {
      worker.terminate()
      resolve(reply)
    }
    worker.onmessage = (event: MessageEvent<ApkgWorkerReply>) => finish(event.data)
    worker.onerror = (event) => finish({ ok: false, message: event.message || 'the exporter stopped' })
    worker.postMessage(input)
  })
}
