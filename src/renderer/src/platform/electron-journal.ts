import type { RecallApi } from '@shared/ipc'
import { isJournalName, MAX_JOURNAL_APPEND, type JournalStore } from '@shared/journal/journal-store'

type JournalApi = Pick<RecallApi, 'journalAppend' | 'journalRead' | 'journalEpochs' | 'journalRemove'>

/**
 * The desktop app's journal: main writes each append to its file before the invoke resolves, in
 * the order they were sent (main/journal). `flushed` waits for every append made before it, and
 * rejects with the first failure among them not yet reported by an earlier `flushed`: a failure
 * is told once, and later appends still try.
 */
export function electronJournal(api: JournalApi): JournalStore {
  let sent = 0
  let settled: Promise<void> = Promise.resolve()
  const failures: { index: number; reason: unknown }[] = []

  return {
    append(epoch, segment, text) {
      // Refused here too, so a bad call fails at once and never carries its text across.
      if (!isJournalName(epoch) || !isJournalName(segment)) throw new Error(`not a journal name: ${epoch}/${segment}`)
      if (text.length > MAX_JOURNAL_APPEND) throw new Error(`a journal append of ${text.length} characters is too long`)
      const index = sent++
      const written = api.journalAppend(epoch, segment, text).then(
        () => undefined,
        (reason: unknown) => void failures.push({ index, reason: withoutIpcPrefix(reason) })
      )
      settled = Promise.all([settled, written]).then(() => undefined)
    },
    async flushed() {
      const before = sent
      await settled
      const reported = failures.filter((failure) => failure.index < before)
      if (reported.length === 0) return
      failures.splice(0, failures.length, ...failures.filter((failure) => failure.index >= before))
      throw reported.reduce((first, failure) => (failure.index < first.index ? failure : first)).reason
    },
    read: (epoch) => api.journalRead(epoch),
    epochs: () => api.journalEpochs(),
    remove: (epoch, segments) => (segments === undefined ? api.journalRemove(epoch) : api.journalRemove(epoch, segments))
  }
}

/** Electron prefixes main's message with "Error invoking remote method 'recall:…': Error: "; people need only main's words. */
function withoutIpcPrefix(reason: unknown): unknown {
  if (!(reason instanceof Error)) return reason
  const message = reason.message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, '')
  return message === reason.message ? reason : new Error(message, { cause: reason })
}
