import { readdirSync } from 'node:fs'
import { deckFoldersFor } from '@main/deck-folders'
import { loadDeckLibrary, MAX_DECK_FILE_BYTES } from '@main/deck-library'
import { copyFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recall-decks-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadDeckLibrary', () => {
  it('reads the built-in decks and creates the user folder when missing', async () => {
    const userDir = join(dir, 'user-decks')
    const library = await loadDeckLibrary({ builtinDir: 'decks', userDir })
    expect(library.problems).toEqual([])
    expect(library.decks.map((d) => [d.deck.id, d.origin])).toEqual(
      readdirSync('decks')
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => [f.slice(0, -'.json'.length), 'builtin'])
    )
    expect(library.decks.map((d) => d.deck.id)).toEqual(
      expect.arrayContaining(['aws-ml-services', 'aif-c01-1-ai-ml-fundamentals', 'mla-c02-4-monitoring-security'])
    )
    expect((await loadDeckLibrary({ builtinDir: userDir, userDir: null })).decks).toEqual([])
  })

  it('reads user decks in JSON and Markdown, leaves out a bad note with a problem, and reports clashing and oversized files without stopping', async () => {
    await copyFile('tests/fixtures/decks/notes.md', join(dir, 'my-notes.md'))
    await copyFile('tests/fixtures/decks/broken-card.json', join(dir, 'broken.json'))
    await copyFile('decks/aws-ml-chips.json', join(dir, 'copy-of-chips.json'))
    await writeFile(join(dir, 'huge.md'), '')
    await truncate(join(dir, 'huge.md'), MAX_DECK_FILE_BYTES + 1)
    await writeFile(join(dir, 'ignored.txt'), 'not a deck')

    const library = await loadDeckLibrary({ builtinDir: 'decks', userDir: dir })
    expect(library.decks.filter((d) => d.origin === 'user').map((d) => [d.deck.id, d.file, d.deck.notes.length])).toEqual([
      ['broken', 'broken.json', 1],
      ['sample-notes', 'my-notes.md', 11]
    ])
    expect(library.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['broken.json', 8, 'back is empty'],
      ['copy-of-chips.json', undefined, 'deck id "aws-ml-chips" is already used by aws-ml-chips.json; this file was skipped'],
      ['huge.md', undefined, 'the file is too large (20.1 MB); a deck file may have at most 20 MB']
    ])
  })

  it('reports a missing built-in folder instead of failing', async () => {
    const library = await loadDeckLibrary({ builtinDir: join(dir, 'nope'), userDir: null })
    expect(library.problems).toEqual([{ file: join(dir, 'nope'), message: 'the decks folder cannot be read (ENOENT)' }])
  })
})

describe('deckFoldersFor', () => {
  it('reads built-in decks from the resources of a packaged app and from the checkout in development', () => {
    const app = { appPath: '/src/recall', resourcesPath: '/opt/Recall/resources', userDataPath: '/home/u/.config/Recall' }
    expect(deckFoldersFor({ ...app, isPackaged: true })).toEqual({
      builtinDir: '/opt/Recall/resources/decks',
      userDir: '/home/u/.config/Recall/decks'
    })
    expect(deckFoldersFor({ ...app, isPackaged: false }).builtinDir).toBe('/src/recall/decks')
  })
})
