import type { SyncFolderRead } from '@shared/sync/read-sync-folder'

// What a sync says in words about the folder's files: the report's notices.

/** This device's own files gone or damaged in the folder (`lost` keys): it sent its whole collection again. */
export function lostNotice(lost: readonly string[]): string {
  const files = lost.map((key) => {
    const name = key.split('/')[1]!
    return name.startsWith('snapshot-') ? `snapshot ${name.slice('snapshot-'.length)}` : `segment ${name}`
  })
  return `This device's ${files.join(', ')} went missing or was damaged in the sync folder; everything this collection holds was sent again, so the other devices lose nothing.`
}

/** The folder's files left alone, each in words. */
export function notices(read: SyncFolderRead): string[] {
  return read.problems.map((problem) => {
    switch (problem.kind) {
      case 'damaged':
        return `${problem.path} is damaged (${problem.detail}); it was left alone.`
      case 'newer':
        return `${problem.path} was written by a newer Recall (${problem.detail}); it will be applied once Recall is updated.`
      case 'second-writer':
        return `Two installations write as one device (${problem.device}, segment ${problem.seq}: ${problem.paths.join(', ')}); both are kept.`
      case 'misplaced':
        return `${problem.path} is not where its content says it belongs; it was left alone.`
      case 'unknown':
        return `${problem.path} is not a Recall file; it was left alone.`
    }
  })
}
