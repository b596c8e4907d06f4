import { Queue, type CardRecord } from '@core/model'
import { newSchedulingState } from '@core/scheduling/card-state'
import { cardsOfNote } from '@core/notes/cards-of-note'
import type { QuestionSource } from '@core/mock-exam/questions'
import { isQuestionNote, type Deck } from '@shared/deck/schema'
import { readdirSync, readFileSync } from 'node:fs'

export const BUILT_IN_DECK_IDS = ['aws-ml-chips', 'aws-ml-pipeline', 'aws-ml-services'] as const

export function readDeck(id: string): Deck {
  return JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck
}

/** The study cards of a deck as mergeDeck makes them: every note's first card in file order, then the reversed ones. */
export function studyCardsOf(deck: Deck, now = Date.UTC(2026, 0, 5)): CardRecord[] {
  const cards = deck.notes.flatMap((note, i) =>
    cardsOfNote(deck.id, note).map((text) => ({
      ...text,
      deckId: deck.id,
      ord: text.reverse ? deck.notes.length + i : i,
      ...newSchedulingState(now),
      queue: Queue.New,
      createdAt: now
    }))
  )
  return cards.sort((a, b) => a.ord - b.ord)
}

export function builtInCards(): CardRecord[] {
  return BUILT_IN_DECK_IDS.flatMap((id) => studyCardsOf(readDeck(id)))
}

/** Every deck file the app ships. */
export const ALL_DECK_IDS = readdirSync('decks')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))

/** The notes of the exam-style question cards of the decks, by card key, with their case scenarios: what the mock exam reads from the notes table. */
export function questionSources(deckIds: readonly string[] = ALL_DECK_IDS): Map<string, QuestionSource> {
  const out = new Map<string, QuestionSource>()
  for (const id of deckIds) {
    const deck = readDeck(id)
    const scenarios = new Map(deck.notes.flatMap((n) => (n.type === 'case' ? [[n.id, n.scenario] as const] : [])))
    for (const note of deck.notes) {
      if (!isQuestionNote(note)) continue
      const scenario = note.case ? scenarios.get(note.case) : undefined
      out.set(`${id}/${note.id}`, { note, ...(scenario ? { scenario } : {}) })
    }
  }
  return out
}
