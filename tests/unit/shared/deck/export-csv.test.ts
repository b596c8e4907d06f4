import { parseCsvDeck } from '@shared/deck/csv'
import { exportDeckCsv } from '@shared/deck/export-csv'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const builtIn = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips'].map(
  (id) => JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck
)

describe('exportDeckCsv', () => {
  it.each(builtIn.map((d) => [d.id, d] as const))('round-trips %s losslessly through the CSV importer', (_id, deck) => {
    const { deck: back, problems } = parseCsvDeck(exportDeckCsv(deck), `${deck.id}.csv`)
    expect(problems).toEqual([])
    const { source, ...withoutSource } = deck
    expect(back).toEqual(withoutSource)
  })

  it('keeps commas, quotes, newlines, leading # and non-English text intact', () => {
    const deck: Deck = {
      format: 'recall-deck',
      version: 1,
      id: 'tricky',
      name: 'Tricky, "quoted" deck',
      cards: [
        { id: 'a', front: '#not a header', back: 'line one\nline "two", with comma', tags: ['x', 'y::z'] },
        { id: 'b', front: 'Übersetzung 日本語 🚀', back: '  spaced  ', extra: 'more\n\nparagraphs', tags: [], reverse: true }
      ]
    }
    const { deck: back, problems } = parseCsvDeck(exportDeckCsv(deck), 'tricky.csv')
    expect(problems).toEqual([])
    expect(back?.cards).toEqual([
      { id: 'a', front: '#not a header', back: 'line one\nline "two", with comma', tags: ['x', 'y::z'] },
      { id: 'b', front: 'Übersetzung 日本語 🚀', back: 'spaced', extra: 'more\n\nparagraphs', tags: [], reverse: true }
    ])
    expect(back?.name).toBe('Tricky, "quoted" deck')
  })
})
