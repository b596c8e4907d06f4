/**
 * What went wrong with the browser's storage, in words a person can act on. Dexie wraps the
 * IndexedDB error it got in its own (a DatabaseClosedError around the reason an open failed, an
 * AbortError around the QuotaExceededError that aborted a transaction), so the whole `inner`
 * chain is read and the most telling name wins.
 */
export type StorageProblem = 'full' | 'disk-error' | 'not-open' | 'closed' | 'connection-lost' | 'cancelled' | 'unavailable' | 'other'

const MESSAGES: Record<Exclude<StorageProblem, 'not-open' | 'other'>, string> = {
  full: "There is no room left to save it: the disk is full, or the browser's storage limit for Recall is reached. Free some disk space, then try again.",
  'disk-error':
    "The browser's storage reported an internal error, which usually means the disk is full or failing. Free some disk space or restart Recall, then try again.",
  closed:
    'The collection was closed, usually because Recall was updated or reopened in another window. Reload Recall (Ctrl+R), then try again.',
  'connection-lost': 'The connection to the collection was lost. Reload Recall (Ctrl+R), then try again.',
  cancelled: 'The browser cancelled the save before it finished. Try again; if it keeps failing, restart Recall.',
  unavailable: 'This browser does not let Recall store data here (IndexedDB is unavailable, as in some private windows).'
}

interface Named {
  name: string
  message: string
}

/** The error and the errors it wraps (`inner`, or a bulk write's first failure), outermost first. */
export function errorChain(error: unknown): Named[] {
  const chain: Named[] = []
  const wrapped = (e: object): unknown => (e as { inner?: unknown }).inner ?? (e as { failures?: unknown[] }).failures?.[0]
  for (let e: unknown = error; e && typeof e === 'object' && chain.length < 5; e = wrapped(e)) {
    const { name, message } = e as Partial<Named>
    chain.push({ name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : JSON.stringify(e) })
  }
  if (chain.length === 0) chain.push({ name: 'Error', message: String(error) })
  return chain
}

export function classifyStorageError(error: unknown): StorageProblem {
  const chain = errorChain(error)
  const has = (name: string) => chain.some((e) => e.name === name)
  if (has('QuotaExceededError')) return 'full'
  if (has('UnknownError')) return 'disk-error'
  if (has('MissingAPIError')) return 'unavailable'
  // A DatabaseClosedError wrapping another kind of error means opening failed, not that it was closed.
  const closed = chain.findIndex((e) => e.name === 'DatabaseClosedError')
  if (closed >= 0) return chain.slice(closed).some((e) => e.name !== 'DatabaseClosedError') ? 'not-open' : 'closed'
  if (has('InvalidStateError')) return 'connection-lost'
  if (has('AbortError')) return 'cancelled'
  return 'other'
}

/** One or two sentences: why storage failed and what to do. */
export function describeStorageError(error: unknown): string {
  const problem = classifyStorageError(error)
  const chain = errorChain(error)
  const innermost = chain.at(-1)!
  const detail = innermost.message.trim() || innermost.name
  if (problem === 'not-open') return `Recall could not open your collection (${detail}). Reload Recall to try again.`
  if (problem === 'other') return `Something unexpected went wrong (${detail}). Try again.`
  return MESSAGES[problem]
}
