import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MP3 } from '../../fixtures/media/make-media'
import { describe, expect, it } from 'vitest'

const tsx = 'node_modules/.bin/tsx'
const deck = (...args: string[]) => spawnSync(tsx, ['scripts/deck.ts', ...args], { encoding: 'utf8' })

describe('npm run deck', () => {
  it('convert turns a built-in source into the committed native deck', () => {
    const result = deck('convert', 'decks/sources/aws-ml-chips.md')
    expect(result.status).toBe(0)
    const converted = JSON.parse(result.stdout)
    const committed = JSON.parse(readFileSync('decks/aws-ml-chips.json', 'utf8'))
    expect(converted.notes).toEqual(committed.notes)
    expect(converted.id).toBe('aws-ml-chips')
  })

  it('convert prints the cards of a partly broken file and names the file and line of each problem', () => {
    const result = deck('convert', 'tests/fixtures/decks/broken-card.json')
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stdout).notes.map((n: { front: string }) => n.front)).toEqual(['Amazon Polly'])
    expect(result.stderr.trim().split('\n')).toEqual([
      'tests/fixtures/decks/broken-card.json:8: note 2, field back: back is empty',
      'tests/fixtures/decks/broken-card.json: converted 1 note; 1 problem (see above)'
    ])
  })

  describe('convert of a CSV with 3 broken rows of 30', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recall-cli-'))
    const rows = Array.from({ length: 30 }, (_, i) => {
      const n = i + 1
      if (n === 5) return 'Term 4,Definition again' // the front of row 4 again
      if (n === 12) return '{{c1::Epoch is one pass over the data,' // a cloze that never closes
      if (n === 20) return `Embedding,${'long '.repeat(4_001)}` // a back over 20,000 characters
      return `Term ${n},Definition ${n}`
    })
    const broken = join(dir, 'terms.csv')
    writeFileSync(broken, `front,back\n${rows.join('\n')}\n`)
    const whole = join(dir, 'whole.csv')
    writeFileSync(whole, `front,back\n${rows.filter((_, i) => ![4, 11, 19].includes(i)).join('\n')}\n`)
    const nothing = join(dir, 'nothing.csv')
    writeFileSync(nothing, 'front,back\n{{c1::Dropout,drops units\n{{c1::Batch,samples per step\n')

    it('prints the 27 good notes, each problem with its line on stderr, and exits 1', () => {
      const result = deck('convert', broken)
      expect(result.status).toBe(1)
      expect(JSON.parse(result.stdout).notes).toHaveLength(27)
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^${broken}:6: .*the front "Term 4" is also on line 5`)),
        expect.stringMatching(new RegExp(`^${broken}:13: .*has no closing }}`)),
        expect.stringMatching(new RegExp(`^${broken}:21: .*back is longer than 20000 characters`)),
        `${broken}: converted 27 notes; 3 problems (see above)`
      ])
    })

    it('exits 0 with nothing on stderr when every row converts', () => {
      const result = deck('convert', whole)
      expect(result.status).toBe(0)
      expect(result.stderr).toBe('')
      expect(JSON.parse(result.stdout).notes).toHaveLength(27)
    })

    it('exits 2 and prints nothing when no row could be read', () => {
      const result = deck('convert', nothing)
      expect(result.status).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        new RegExp(
          `^${nothing}:2: .*has no closing }}\n${nothing}:3: .*has no closing }}\n${nothing}: nothing could be converted \\(2 problems\\)\n$`
        )
      )
      expect(deck('convert', join(dir, 'missing.csv')).status).toBe(2)
    })

    it('--strict refuses the whole file on any problem: nothing on stdout, exit 1', () => {
      const result = deck('convert', '--strict', broken)
      expect(result.status).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr.trim().split('\n')).toHaveLength(4)
      expect(result.stderr).toMatch(
        new RegExp(`${broken}: not converted: --strict refuses a file with problems, and this one has 3 problems\n$`)
      )
      const fine = deck('convert', whole, '--strict')
      expect(fine.status).toBe(0)
      expect(JSON.parse(fine.stdout).notes).toHaveLength(27)
    })
  })

  it('validate reports each file and fails if any is bad; a missing file is a clear error', () => {
    const result = deck('validate', 'decks/aws-ml-services.json', 'tests/fixtures/decks/bad-syntax.json')
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/^decks\/aws-ml-services\.json: ok, \d+ notes, \d+ cards$/m)
    expect(result.stderr).toMatch(/^tests\/fixtures\/decks\/bad-syntax\.json:6: invalid JSON/m)
    const missing = deck('validate', 'nope.json')
    expect(missing.status).toBe(1)
    expect(missing.stderr.trim()).toBe('nope.json: cannot read the file (ENOENT)')
  })

  it('convert reads an Anki text export and Anki packages, old and new, into native decks', () => {
    // Its picture and sound are not in a text export: said on stderr, and the deck is still printed.
    const csv = deck('convert', 'tests/fixtures/import/anki-notes.txt')
    expect(csv.stderr).toMatch(/"kms-intro.mp3" is not in the file/)
    expect(csv.status).toBe(1)
    const fromCsv = JSON.parse(csv.stdout)
    expect(fromCsv).toMatchObject({ format: 'recall-deck', version: 2, id: 'aws-ml-data-engineering', name: 'AWS ML::Data Engineering' })
    expect(fromCsv.notes[0]).toMatchObject({ type: 'basic', front: 'AWS Glue', tags: ['data-prep', 'etl'] })
    for (const [file, name] of [
      ['legacy.apkg', 'AWS ML::Services'],
      ['modern.apkg', 'MLA-C01::Deployment']
    ]) {
      const apkg = deck('convert', `tests/fixtures/import/${file}`)
      expect(apkg.status).toBe(0)
      expect(JSON.parse(apkg.stdout)).toMatchObject({
        name,
        notes: expect.arrayContaining([expect.objectContaining({ id: expect.stringMatching(/^anki-/) })])
      })
    }
    // The old package's picture and sound travel inside the native deck, base64, and read back the same.
    const withMedia = JSON.parse(deck('convert', 'tests/fixtures/import/legacy.apkg').stdout)
    expect(withMedia.media.map((m: { name: string }) => m.name).sort()).toEqual(['lex-demo.mp3', 'rekognition-console.png'])
    expect(Buffer.from(withMedia.media.find((m: { name: string }) => m.name === 'lex-demo.mp3').data, 'base64')).toEqual(Buffer.from(MP3))
  })

  it('--format chooses the reader; an unknown format prints usage', () => {
    const forced = deck('convert', '--format', 'csv', 'tests/fixtures/import/quizlet-export.txt')
    expect(forced.status).toBe(0)
    expect(JSON.parse(forced.stdout).notes).toHaveLength(6)
    const notZip = deck('convert', 'tests/fixtures/import/exam-domains.csv', '--format=apkg')
    expect(notZip.status).toBe(2)
    expect(notZip.stdout).toBe('')
    expect(notZip.stderr.trim()).toBe(
      'tests/fixtures/import/exam-domains.csv: not an Anki package: .apkg and .colpkg files are zip archives, and this file is not one\ntests/fixtures/import/exam-domains.csv: nothing could be converted'
    )
    const unknown = deck('convert', 'deck.xlsx', '--format', 'xlsx')
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/^unknown format "xlsx": use one of native, csv, tsv, json, markdown, apkg\nUsage: npm run deck/)
  })

  it('validate checks CSV and Anki packages and names the line of a bad row', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'recall-cli-')), 'terms.csv')
    writeFileSync(bad, 'term,definition\nEpoch,One pass over the data\n{{c1::Dropout,drops units\n')
    const result = deck('validate', 'tests/fixtures/import/headerless.tsv', 'tests/fixtures/import/legacy.apkg', bad)
    expect(result.status).toBe(1)
    expect(result.stdout).toBe(
      'tests/fixtures/import/headerless.tsv: ok, 5 notes, 5 cards\ntests/fixtures/import/legacy.apkg: ok, 6 notes, 8 cards\n'
    )
    expect(result.stderr.trim()).toBe(`${bad}:3: field front: the cloze c1 at “{{c1::Dropout” has no closing }}`)
  })

  it('generate --check passes on the committed decks, and unknown commands print usage', () => {
    expect(deck('generate', '--check').status).toBe(0)
    const usage = deck('frobnicate')
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/^Usage: npm run deck/)
  })

  it('inspect prints what an import would make: notes, study cards (one per cloze number), media and problems', () => {
    const clozes = deck('inspect', 'tests/fixtures/import/cloze-notes.md')
    expect(clozes.status).toBe(0)
    expect(JSON.parse(clozes.stdout)).toEqual({ notes: 6, cards: 8, media: 0, problems: 0 })
    // A text export names its picture and sound but cannot carry them: two problems, said on stderr.
    const anki = deck('inspect', 'tests/fixtures/import/anki-notes.txt')
    expect(JSON.parse(anki.stdout)).toEqual({ notes: 6, cards: 6, media: 0, problems: 2 })
    expect(anki.stderr).toMatch(/field back: the image "labels.png" is not in the file/)
    const apkg = deck('inspect', 'tests/fixtures/import/legacy.apkg')
    expect(JSON.parse(apkg.stdout)).toEqual({ notes: 6, cards: 8, media: 2, problems: 0 })
    const broken = deck('inspect', 'tests/fixtures/decks/broken-card.json')
    expect(JSON.parse(broken.stdout)).toEqual({ notes: 1, cards: 1, media: 0, problems: 1 })
    expect(broken.stderr.trim()).toBe('tests/fixtures/decks/broken-card.json:8: note 2, field back: back is empty')
  })
})
