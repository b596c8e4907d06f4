import { basicNotes } from '../../helpers/notes'
import { createRecallStore } from '@store'
import { CsvReading, describeReading } from '@screens/import/CsvReading'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

const file = (name: string, text: string) => ({
  name,
  size: new TextEncoder().encode(text).length,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer
})

async function setup() {
  const store = createRecallStore({
    db: freshDatabase(),
    platform: fakePlatform({ decks: [], problems: [] }),
    now: () => Date.UTC(2026, 8, 1)
  })
  await store.getState().loadLibrary()
  return () => store.getState()
}

describe('import preview of a CSV file: how it was read, and reading it again', () => {
  it('says how the file was read and reads it again with the first row as a card, another separator and swapped columns', async () => {
    const state = await setup()
    await state().startImport(file('capitals.csv', 'Question,Answer\nCapital of Peru?;Lima,Peru\nCapital of Chile?;Santiago,Chile\n'))
    let importer = state().importer!
    expect(importer.status).toBe('preview')
    expect(describeReading(importer.csv!)).toBe('Read as comma-separated (guessed), first row taken as column names: Question, Answer.')
    expect(basicNotes(importer.deck).map((c) => [c.front, c.back])).toEqual([
      ['Capital of Peru?;Lima', 'Peru'],
      ['Capital of Chile?;Santiago', 'Chile']
    ])

    await state().rereadImport({ delimiter: ';', header: false })
    importer = state().importer!
    expect(importer.status).toBe('preview')
    expect(describeReading(importer.csv!)).toBe('Read as semicolon-separated (your choice), no row of column names (your choice).')
    expect(basicNotes(importer.deck).map((c) => [c.front, c.back])).toEqual([
      ['Question,Answer', '(no back in the file)'],
      ['Capital of Peru?', 'Lima,Peru'],
      ['Capital of Chile?', 'Santiago,Chile']
    ])

    await state().rereadImport({ delimiter: ',', header: true, front: 1, back: 0 })
    expect(basicNotes(state().importer!.deck).map((c) => c.front)).toEqual(['Peru', 'Chile'])
    expect(state().importer!.plan?.added).toBe(2)
  })

  it('keeps the reading of a refused file, so another separator can still save it', async () => {
    const state = await setup()
    await state().startImport(file('only-names.csv', '#separator:tab\n'))
    expect(state().importer).toMatchObject({ status: 'failed', csv: { delimiter: '\t', delimiterFrom: 'file' } })
  })

  it('shows labelled native selects for the separator, the first row and the front and back columns', () => {
    const html = renderToStaticMarkup(
      createElement(CsvReading, {
        csv: {
          delimiter: ',',
          delimiterFrom: 'guess',
          names: 'first-row',
          namesFrom: 'guess',
          labels: ['Question', 'Answer', ''],
          sample: ['Capital of Peru?', 'Lima', 'South America'],
          front: 0,
          back: 1,
          html: false,
          mended: [4, 9]
        }
      })
    )
    for (const label of ['Separator', 'First row', 'Front', 'Back'])
      expect(html).toMatch(new RegExp(`<label[^>]*for="([^"]+)"[^>]*>${label}<select id="\\1"`))
    expect(html).toContain('<option value="2">Column 3 (“South America”)</option>')
    expect(html).toContain('<option value="1">Column 2: Answer</option>')
    expect(html).toContain('2 rows had more commas than the file has columns and were read as front and back again (lines 4, 9).')
  })
})
