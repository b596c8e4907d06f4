/**
 * A browser does not report changes in a folder: the sync folder is looked at again every
 * `pollMs`, and when the page comes back into view. Returns the stop.
 */
export function pollSyncFolder(listener: () => void, pollMs: number): () => void {
  const timer = setInterval(listener, pollMs)
  const onVisible = () => {
    if (document.visibilityState === 'visible') listener()
  }
  const hasDocument = typeof document !== 'undefined'
  if (hasDocument) document.addEventListener('visibilitychange', onVisible)
  return () => {
    clearInterval(timer)
    if (hasDocument) document.removeEventListener('visibilitychange', onVisible)
  }
}
