/// <reference lib="webworker" />
import { RecallDatabase } from '@db/database'
import { loadCardFigures } from '@db/stats-repository'
import type { CardFiguresCall, CardFiguresReply } from '@store/stats-card-figures'

/**
 * The statistics' card charts off the page (stats-card-figures.ts): on its own connection to the
 * collection, the worker reads the card columns and counts them, and posts back only the figures
 * (a few kilobytes), so the page neither clones 100,000 cards' columns nor walks them.
 */
let db: RecallDatabase | undefined

self.onmessage = (event: MessageEvent<CardFiguresCall>) => {
  const { id, dbName, scope, now, dayStartsAtHour } = event.data
  db ??= new RecallDatabase(dbName)
  const post = (reply: CardFiguresReply) => self.postMessage(reply)
  loadCardFigures(db, scope, now, dayStartsAtHour).then(
    (figures) => post({ id, figures }),
    (error: unknown) => post({ id, error: error instanceof Error ? error.message : String(error) })
  )
}
