/**
 * What the card browser's actions run: its repository and card authoring (which brings the deck
 * schema and zod). Imported on demand by browse-slice.ts, so none of it is in the first download;
 * the study path never needs it. The search itself runs in workers/browse-engine.ts.
 */
export { parseTags } from '@core/authoring/card-drafts'
export * as browseDb from '@db/browse-repository'
export { copyDeck, deleteCards, moveCards } from '@db/card-authoring'
