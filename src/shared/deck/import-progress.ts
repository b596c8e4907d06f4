/** How far a long import has got, for the progress bar: a stage and a count out of a total. */
export interface ImportProgress {
  stage: 'unpacking' | 'reading' | 'media'
  done: number
  total: number
}

export type OnImportProgress = (progress: ImportProgress) => void

/**
 * A counter for one stage that calls `onProgress` at its start, every `every` items and at its
 * end, so a 10,000-note package sends a few dozen messages, not ten thousand.
 */
export function stageProgress(onProgress: OnImportProgress | undefined, stage: ImportProgress['stage'], total: number, every = 250) {
  if (!onProgress) return () => undefined
  onProgress({ stage, done: 0, total })
  return (done: number) => {
    if (done === total || done % every === 0) onProgress({ stage, done, total })
  }
}
