import type { JournalFolder } from '@main/journal/journal-folder'
import type { RecallApi } from '@shared/ipc'

type JournalServices = Pick<RecallApi, 'journalAppend' | 'journalRead' | 'journalEpochs' | 'journalRemove'>

/**
 * The journal's IPC methods over its folder. Each append is written before its invoke resolves,
 * and invokes are handled in the order the page sent them, so the page's `flushed` only has to
 * wait for its last append. A segment that cannot be read is left out of `journalRead` and told
 * here: the contract's `read` has no room for it, and the other segments are worth more than none.
 */
export function journalServices(folder: JournalFolder, warn: (message: string) => void = console.warn): JournalServices {
  return {
    journalAppend: async (epoch, segment, text) => folder.append(epoch, segment, text),
    async journalRead(epoch) {
      const { segments, problems } = await folder.read(epoch)
      for (const problem of problems) warn(`Recall: skipped a journal segment that could not be read: ${problem.message}`)
      return segments
    },
    journalEpochs: () => folder.epochs(),
    journalRemove: async (epoch, segments) => folder.remove(epoch, segments)
  }
}
