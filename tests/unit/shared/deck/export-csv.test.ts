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

  it('writes cloze notes as Anki writes them and reads them back as clozes; counts what it leaves out', () => {
    const cloze = {
      id: 'f1',
      type: 'cloze' as const,
      text: '{{c1::F1}} weighs {{c2::precision, recall::two metrics}} equally.',
      tags: ['metrics']
    }
    const withExtra = { ...cloze, id: 'f2', extra: 'Harmonic, not arithmetic, mean.' }
    const question = {
      id: 'q',
      type: 'ordering' as const,
      stem: 'Order the steps.',
      steps: ['one', 'two', 'three'],
      explanation: 'In order.',
      tags: []
    }
    const deck: Deck = { format: 'recall-deck', version: 2, id: 'clozes', name: 'Clozes', notes: [cloze, withExtra, question] }
    const { text, left } = exportDeckCsv(deck)
    expect(left).toBe(1)
    const { deck: back, problems } = parseCsvDeck(text, 'clozes.csv')
    expect(problems).toEqual([])
    expect(back?.notes).toEqual([cloze, withExtra])
  })
})
