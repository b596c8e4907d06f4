import type { CardDraft } from '@core/authoring/card-drafts'

/** The add screen's form as it starts, and as it is left after a card is added (with its deck, tags and options kept). */
export const EMPTY_DRAFT: CardDraft = { front: '', back: '', extra: '', tags: '', reverse: false, cloze: false }
