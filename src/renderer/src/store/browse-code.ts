/**
 * What the card browser's actions run: its repository, the search language and card authoring
 * (which brings the deck schema and zod). Imported on demand by browse-slice.ts, so none of it is
 * in the first download; the study path never needs it.
 */
export { parseTags } from '@core/authoring/card-drafts'
export { compileSearch } from '@core/search/compile'
export { parseSearch } from '@core/search/parse'
export * as browseDb from '@db/browse-repository'
export { copyDeck, deleteCards, moveCards } from '@db/card-authoring'
