/**
 * Code fetched on first use (a screen, a dialog, a slice's actions) is asked for again after a
 * failed fetch, a dropped connection or a chunk missing after an update. Chromium remembers a
 * failed dynamic import of a URL, so the retry asks for the same file under a new URL
 * (`?retry=N`); the error again when it names no URL.
 */
function importAgain(error: unknown, attempt: number): Promise<object> {
  const url = /dynamically imported module: (\S+)/.exec(error instanceof Error ? error.message : '')?.[1]
  if (!url) throw error
  return import(/* @vite-ignore */ `${url}${url.includes('?') ? '&' : '?'}retry=${attempt}`) as Promise<object>
}

/** `importModule()` on the first attempt; after a failure, the same module under a new URL. */
export function importAttempt<M>(importModule: () => Promise<M>, attempt: number): Promise<M> {
  return attempt === 0 ? importModule() : importModule().catch((error: unknown) => importAgain(error, attempt) as Promise<M>)
}
