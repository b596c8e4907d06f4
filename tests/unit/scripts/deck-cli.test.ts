import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const tsx = 'node_modules/.bin/tsx'
const deck = (...args: string[]) => spawnSync(tsx, ['scripts/deck.ts', ...args], { encoding: 'utf8' })

describe('npm run deck', () => {
  it('convert turns a built-in source into the committed native deck', () => {
    const result = deck('convert', 'decks/sources/aws-ml-chips.md')
    expect(result.status).toBe(0)
    const converted = JSON.parse(result.stdout)
    const committed = JSON.parse(readFileSync('decks/aws-ml-chips.json', 'utf8'))
    expect(converted.cards).toEqual(committed.cards)
    expect(converted.id).toBe('aws-ml-chips')
  })

  it('convert rejects a broken file with one line naming the file and line', () => {
    const result = deck('convert', 'tests/fixtures/decks/broken-card.json')
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toBe('tests/fixtures/decks/broken-card.json:8: card 2, field back: back is empty')
  })

  it('validate reports each file and fails if any is bad; a missing file is a clear error', () => {
    const result = deck('validate', 'decks/aws-ml-services.json', 'tests/fixtures/decks/bad-syntax.json')
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/^decks\/aws-ml-services\.json: ok, \d+ cards$/m)
    expect(result.stderr).toMatch(/^tests\/fixtures\/decks\/bad-syntax\.json:6: invalid JSON/m)
    const missing = deck('validate', 'nope.json')
    expect(missing.status).toBe(1)
    expect(missing.stderr.trim()).toBe('nope.json: cannot read the file (ENOENT)')
  })

  it('generate --check passes on the committed decks, and unknown commands print usage', () => {
    expect(deck('generate', '--check').status).toBe(0)
    const usage = deck('frobnicate')
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/^Usage: npm run deck/)
  })
})
