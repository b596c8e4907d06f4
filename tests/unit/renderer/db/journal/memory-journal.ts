import type { JournalSegment, JournalStore } from '@shared/journal/journal-store'

/** A JournalStore in memory, with its files open to the test (to tear, to delete). */
export function memoryJournal(): JournalStore & { files: Map<string, string> } {
  const files = new Map<string, string>()
  const key = (epoch: string, segment: string) => `${epoch}/${segment}`
  return {
    files,
    append(epoch, segment, text) {
      files.set(key(epoch, segment), (files.get(key(epoch, segment)) ?? '') + text)
    },
    flushed: async () => undefined,
    async read(epoch) {
      const out: JournalSegment[] = []
      for (const [name, text] of files) if (name.startsWith(`${epoch}/`)) out.push({ segment: name.slice(epoch.length + 1), text })
      return out.sort((a, b) => (a.segment < b.segment ? -1 : 1))
    },
    async epochs() {
      return [...new Set([...files.keys()].map((name) => name.split('/')[0]!))].sort()
    },
    async remove(epoch, segments) {
      for (const name of [...files.keys()])
        if (name.startsWith(`${epoch}/`) && (!segments || segments.includes(name.slice(epoch.length + 1)))) files.delete(name)
    }
  }
}
