/// <reference lib="webworker" />
import { RecallDatabase } from '@db/database'
import type { ExamForecastCall, ExamForecastReply } from '@store/exam-plan-forecast'
import { createExamSimulator } from '@store/exam-plan-simulation'

/**
 * The exam forecast's simulation off the page (exam-plan-forecast.ts): on its own connection to
 * the collection, the worker reads the exam decks' card columns, simulates the study days up to
 * the exam (each deck's result kept until its cards, options or study day change) and posts back
 * only the figures (a recall estimate, a number and a few dozen days).
 */
let db: RecallDatabase | undefined
const simulate = createExamSimulator()

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

self.onmessage = (event: MessageEvent<ExamForecastCall>) => {
  const { id, dbName, request } = event.data
  const post = (reply: ExamForecastReply) => self.postMessage(reply)
  simulate(connection(dbName), request).then(
    (result) => post({ id, ...result }),
    (error: unknown) => {
      forget()
      post({ id, error: error instanceof Error ? error.message : String(error) })
    }
  )
}
