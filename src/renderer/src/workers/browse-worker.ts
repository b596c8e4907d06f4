/// <reference lib="webworker" />
import { BrowseCacheDatabase } from '@db/browse-cache'
import { RecallDatabase } from '@db/database'
import { BrowseEngine, type BrowseCall, type BrowseWorkerMessage } from '@renderer/workers/browse-engine'

/**
 * The card browser's search (browse-engine.ts) in a worker, on its own connection to the
 * collection. Calls run as they come (the engine waits for its columns itself, and the page waits
 * for what must come first); a search that a newer one has already replaced is answered
 * `undefined` without running.
 */
let engine: BrowseEngine | undefined
let newestSearch = 0

const post = (message: BrowseWorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer)

async function run(call: BrowseCall): Promise<unknown> {
  if (call.method === 'start') {
    engine = new BrowseEngine(new RecallDatabase(call.dbName), new BrowseCacheDatabase(call.dbName))
    return undefined
  }
  if (!engine) throw new Error('the browser’s worker was not started')
  switch (call.method) {
    case 'open':
      return engine.open((read) => post({ kind: 'progress', read }))
    case 'search':
      return call.seq < newestSearch ? undefined : engine.search(call.request)
    case 'refresh':
      return engine.refresh(call.ids)
    case 'check':
      return engine.check()
    case 'save':
      return engine.save()
    case 'suspended':
      return engine.suspended(call.targets)
  }
}

self.onmessage = (event: MessageEvent<{ id: number; call: BrowseCall }>) => {
  const { id, call } = event.data
  if (call.method === 'search') newestSearch = Math.max(newestSearch, call.seq)
  run(call).then(
    (result) => {
      const ids = (result as { ids?: { starts?: Int32Array } } | undefined)?.ids?.starts
      post({ kind: 'reply', id, result }, ids ? [ids.buffer] : [])
    },
    (error: unknown) => post({ kind: 'reply', id, error: error instanceof Error ? error.message : String(error) })
  )
}
