/// <reference lib="webworker" />
import { RecallDatabase } from '@db/database'
import { loadCardFigures } from '@db/stats-repository'
import type { CardFiguresReply, StatsWorkerCall } from '@store/stats-card-figures'

/**
 * The statistics' card charts off the page (stats-card-figures.ts): on its own connection to the
 * collection, the worker reads the card columns and counts them, and posts back only the figures
 * (a few kilobytes), so the page neither clones 100,000 cards' columns nor walks them. Asked to
 * open the collection ahead of a count, it only opens its connection.
 */
let db: RecallDatabase | undefined

/** The connection to `dbName`, opened at first use and kept for the next calls. */
function connection(dbName: string): RecallDatabase {
  if (db?.name !== dbName) {
    db?.close()
    db = new RecallDatabase(dbName)
  }
  return db
}

/** After a failure the connection is dropped (the collection may have been replaced, say by a restore): the next call opens a new one. */
function forget(): void {
  db?.close()
  db = undefined
}

self.onmessage = (event: MessageEvent<StatsWorkerCall>) => {
  const call = event.data
  if (call.kind === 'open') {
    connection(call.dbName).open().catch(forget)
    return
  }
  const { id, dbName, scope, now, dayStartsAtHour } = call
  const post = (reply: CardFiguresReply) => self.postMessage(reply)
  loadCardFigures(connection(dbName), scope, now, dayStartsAtHour).then(
    (figures) => post({ id, figures }),
    (error: unknown) => {
      forget()
      post({ id, error: error instanceof Error ? error.message : String(error) })
    }
  )
}
