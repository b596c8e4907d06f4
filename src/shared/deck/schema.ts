import { z } from 'zod'

/**
 * Recall's native deck format, version 1.
 *
 * A deck is a list of cards. Each card has a stable `id` (unique in its deck) so that a later
 * version of the deck keeps the progress of every card whose id is unchanged, even when its text
 * was edited. `reverse: true` asks for a second study card that shows the back and expects the
 * front (exams ask "what does X do?" and "which service does Y?"); each direction is scheduled
 * on its own.
 */
export const DECK_FORMAT = 'recall-deck'
export const DECK_VERSION = 1

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/
const idMessage = 'must be 1–64 characters: lowercase letters, digits, ".", "_" or "-"'

export const MAX_FIELD_CHARS = 20_000

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} is empty` })
    .max(MAX_FIELD_CHARS, { error: `${what} is longer than ${MAX_FIELD_CHARS} characters` })

export const cardSchema = z.strictObject({
  id: z.string({ error: 'id must be text' }).regex(ID_PATTERN, { error: `id ${idMessage}` }),
  front: text('front'),
  back: text('back'),
  extra: z.string().max(MAX_FIELD_CHARS).optional(),
  tags: z.array(z.string().regex(/^\S{1,64}$/, { error: 'a tag is 1–64 characters without spaces' })).default([]),
  reverse: z.boolean().optional()
})

export const deckSchema = z
  .strictObject({
    format: z.literal(DECK_FORMAT, { error: `format must be "${DECK_FORMAT}"` }),
    version: z.literal(DECK_VERSION, { error: `version must be ${DECK_VERSION}` }),
    id: z.string().regex(ID_PATTERN, { error: `deck id ${idMessage}` }),
    name: text('name'),
    description: z.string().max(2000).optional(),
    source: z.string().max(500).optional(),
    cards: z.array(cardSchema).max(200_000)
  })
  .superRefine((deck, ctx) => {
    const seen = new Map<string, number>()
    deck.cards.forEach((card, index) => {
      const first = seen.get(card.id)
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['cards', index, 'id'],
          message: `duplicate id "${card.id}" (also card ${first + 1})`
        })
      } else seen.set(card.id, index)
    })
  })

export type Card = z.infer<typeof cardSchema>
export type Deck = z.infer<typeof deckSchema>
/** What importers produce before validation: a deck without format and version fields. */
export type DeckDraft = Omit<Deck, 'format' | 'version'>
