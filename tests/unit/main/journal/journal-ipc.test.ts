import { guardIpcMethod } from '@main/ipc-guard'
import { parseIpcArguments } from '@main/ipc-validation'
import { createJournalFolder } from '@main/journal/journal-folder'
import { journalServices } from '@main/journal/journal-services'
import { isTrustedSenderUrl } from '@main/trusted-sender'
import { encodeRecord, parseSegment } from '@shared/journal/journal-format'
import { MAX_JOURNAL_APPEND } from '@shared/journal/journal-store'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const refused = (method: Parameters<typeof parseIpcArguments>[0], args: unknown[]) => {
  const result = parseIpcArguments(method, args)
  expect(result.ok, JSON.stringify(args).slice(0, 200)).toBe(false)
  if (!result.ok) expect(result.message).toMatch(new RegExp(`^invalid arguments for ${method}`))
}

const badNames = ['..', 'a/b', '../../etc', 'a\\b', '', 'x'.repeat(65), 'seg.jrnl', 42, null, undefined, ['e1']]

describe('the journal’s IPC arguments', () => {
  it('lets an append through only as two journal names and a text within the limit', () => {
    expect(parseIpcArguments('journalAppend', ['e1', 's-1', 'line\n'])).toEqual({ ok: true, args: ['e1', 's-1', 'line\n'] })
    expect(parseIpcArguments('journalAppend', ['x'.repeat(64), 's_1', '']).ok).toBe(true)
    for (const bad of badNames) {
      refused('journalAppend', [bad, 's1', 'line\n'])
      refused('journalAppend', ['e1', bad, 'line\n'])
    }
    refused('journalAppend', ['e1', 's1', 42])
    refused('journalAppend', ['e1', 's1', { text: 'line' }])
    refused('journalAppend', ['e1', 's1'])
    refused('journalAppend', ['e1', 's1', 'line\n', 'extra'])
    refused('journalAppend', ['e1', 's1', 'x'.repeat(MAX_JOURNAL_APPEND + 1)])
  })

  it('reads one epoch by name, lists epochs with no arguments', () => {
    expect(parseIpcArguments('journalRead', ['e1'])).toEqual({ ok: true, args: ['e1'] })
    for (const bad of badNames) refused('journalRead', [bad])
    refused('journalRead', [])
    expect(parseIpcArguments('journalEpochs', [])).toEqual({ ok: true, args: [] })
    refused('journalEpochs', ['/home'])
  })

  it('removes an epoch, or a list of at most 10,000 of its segments by name', () => {
    expect(parseIpcArguments('journalRemove', ['e1'])).toEqual({ ok: true, args: ['e1'] })
    expect(parseIpcArguments('journalRemove', ['e1', ['s1', 's2']])).toEqual({ ok: true, args: ['e1', ['s1', 's2']] })
    expect(parseIpcArguments('journalRemove', ['e1', Array.from({ length: 10_000 }, (_, i) => `s${i}`)]).ok).toBe(true)
    refused('journalRemove', ['e1', Array.from({ length: 10_001 }, (_, i) => `s${i}`)])
    for (const bad of badNames.filter((name) => name !== undefined)) {
      refused('journalRemove', [bad])
      refused('journalRemove', ['e1', [bad]])
    }
    refused('journalRemove', ['e1', 's1'])
    refused('journalRemove', ['e1', ['s1'], 'extra'])
  })
})

describe('the journal’s IPC methods', () => {
  let root = ''
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('write and read the folder in main for our page only, telling main’s log what could not be read', async () => {
    root = mkdtempSync(join(tmpdir(), 'recall-journal-ipc-'))
    const warnings: string[] = []
    const folder = createJournalFolder(root, { warn: (message) => warnings.push(message) })
    const services = journalServices(folder, (message) => warnings.push(message))
    const trusted = (url: string | undefined) => isTrustedSenderUrl(url, { appPageUrl: 'app://recall/index.html' })
    const ownPage = { url: 'app://recall/index.html', isMainFrame: true }
    const append = guardIpcMethod('journalAppend', services.journalAppend, trusted)
    const read = guardIpcMethod('journalRead', services.journalRead, trusted)
    const line = encodeRecord({ k: 'begin', tx: 't1', seq: 1, epoch: 'e1', at: 1_750_000_000_000 })

    await append(ownPage, ['e1', 's1', line])
    await expect(append({ url: 'https://evil.example/', isMainFrame: true }, ['e1', 's1', line])).rejects.toThrow(/own page/)
    await expect(append(ownPage, ['..', 's1', line])).rejects.toThrow(/^refused journalAppend: invalid arguments/)
    mkdirSync(join(root, 'e1', 's0.jrnl'))

    const segments = (await read(ownPage, ['e1'])) as { segment: string; text: string }[]
    expect(segments.map((s) => [s.segment, parseSegment(s.text).records.length])).toEqual([['s1', 1]])
    expect(warnings).toEqual([
      `Recall: skipped a journal segment that could not be read: ${join(root, 'e1', 's0.jrnl')} could not be read (EISDIR)`
    ])
    await expect(services.journalEpochs()).resolves.toEqual(['e1'])
    await services.journalRemove('e1', ['s1'])
    await expect(services.journalRead('e1')).resolves.toEqual([])
    folder.close()
  })
})
