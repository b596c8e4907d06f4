import { basicNotes } from '../../helpers/notes'
import { parseCsvDeck } from '@shared/deck/csv'
import { exportDeckCsv } from '@shared/deck/export-csv'
import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const builtIn = ['aws-ml-services', 'aws-ml-pipeline', 'aws-ml-chips'].map(
  (id) => JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck
)

describe('exportDeckCsv', () => {
  // CSV rows carry a note's text, tags and direction; task statements and sources stay in the native format.
  const textOf = (deck: Deck) =>
    basicNotes(deck).map(({ id, type, front, back, extra, tags, reverse }) => ({
      id,
      type,
      front,
      back,
      ...(extra ? { extra } : {}),
      tags,
      ...(reverse ? { reverse } : {})
    }))

  it.each(builtIn.map((d) => [d.id, d] as const))('round-trips the notes of %s through the CSV importer', (_id, deck) => {
    const { deck: back, problems } = parseCsvDeck(exportDeckCsv(deck).text, `${deck.id}.csv`)
    expect(problems).toEqual([])
    expect(back && { id: back.id, name: back.name, description: back.description, notes: textOf(back) }).toEqual({
      id: deck.id,
      name: deck.name,
      description: deck.description,
      notes: textOf(deck)
    })
  })

  it('keeps commas, quotes, newlines, leading # and non-English text intact', () => {
    const deck: Deck = {
      format: 'recall-deck',
      version: 2,
      id: 'tricky',
      name: 'Tricky, "quoted" deck',
      notes: [
        { id: 'a', type: 'basic', front: '#not a header', back: 'line one\nline "two", with comma', tags: ['x', 'y::z'] },
        { id: 'b', type: 'basic', front: 'Übersetzung 日本語 🚀', back: '  spaced  ', extra: 'more\n\nparagraphs', tags: [], reverse: true }
      ]
    }
    const { deck: back, problems } = parseCsvDeck(exportDeckCsv(deck).text, 'tricky.csv')
    expect(problems).toEqual([])
    expect(back?.notes).toEqual([
      { id: 'a', type: 'basic', front: '#not a header', back: 'line one\nline "two", with comma', tags: ['x', 'y::z'] },
      { id: 'b', type: 'basic', front: 'Übersetzung 日本語 🚀', back: 'spaced', extra: 'more\n\nparagraphs', tags: [], reverse: true }
    ])
    expect(back?.name).toBe('Tricky, "quoted" deck')
  })
})
