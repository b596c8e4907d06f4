import type { Database, SqlValue } from 'sql.js'

/** Small reading helpers for an Anki collection opened in SQL.js. */

/** True when the collection has a table of that name (a plain identifier, never user text). */
export function hasTable(db: Database, name: string): boolean {
  return db.exec('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['table', name]).length > 0
}

/** Steps through a query's rows one at a time, without holding them all; the statement is always freed. */
export function eachRow(db: Database, sql: string, visit: (row: SqlValue[]) => void): void {
  const statement = db.prepare(sql)
  try {
    while (statement.step()) visit(statement.get())
  } finally {
    statement.free()
  }
}
