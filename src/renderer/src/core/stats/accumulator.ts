/**
 * The "gather" half of a chart. The db layer reads a table through an index cursor in chunks and
 * calls `add` for each record; `result` returns small gathered data (counts, histograms), never
 * the records themselves, so a million review logs need not be in memory at once.
 */
export interface Accumulator<In, Out> {
  add(record: In): void
  result(): Out
}

/** Feeds records to an accumulator and returns its result: for tests and in-memory callers. */
export function gather<In, Out>(accumulator: Accumulator<In, Out>, records: Iterable<In>): Out {
  for (const record of records) accumulator.add(record)
  return accumulator.result()
}
