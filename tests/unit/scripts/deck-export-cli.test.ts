import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const tsx = 'node_modules/.bin/tsx'
const deck = (...args: string[]) => spawnSync(tsx, ['scripts/deck.ts', ...args], { encoding: 'utf8' })

describe('npm run deck -- export', () => {
  it('writes a deck as an Anki package that converts back to the same notes and the same deck', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'recall-export-')), 'chips.apkg')
    const result = deck('export', 'decks/aws-ml-chips.json', '--out', out)
    expect(result.status).toBe(0)
    expect(result.stderr.trim()).toBe(`wrote ${out}: 10 notes, 15 cards and 0 media files from 1 deck`)
    const back = deck('convert', out)
    expect(back.status).toBe(0)
    const converted = JSON.parse(back.stdout) as { id: string; name: string; notes: Array<Record<string, unknown>> }
    const committed = JSON.parse(readFileSync('decks/aws-ml-chips.json', 'utf8')) as typeof converted
    expect([converted.id, converted.name]).toEqual([committed.id, committed.name])
    // What Anki has no place for (exam tasks, sources, kinds, confusable notes) stays behind; the text comes back as written.
    const withoutMeta = committed.notes.map(({ tasks: _, sources: __, kind: ___, confusable: ____, ...note }) => note)
    expect(converted.notes).toEqual(withoutMeta)
  })

  it('says how to use it when the output is missing', () => {
    const result = deck('export', 'decks/aws-ml-chips.json')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('export <file...> --out <deck.apkg>')
  })
})
