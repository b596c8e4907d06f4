import type { CheckReport, RepairKind } from '@core/maintenance/check-rules'

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

const WHAT_WAS_DONE: Record<RepairKind, (n: number) => string> = {
  cardWithoutDeck: (n) =>
    `${count(n, 'card')} whose deck no longer exists ${n === 1 ? 'was' : 'were'} taken out of study; progress is kept in case the deck returns.`,
  impossibleState: (n) =>
    `${count(n, 'card')} had impossible scheduling values (such as a missing stability or due date) and ${n === 1 ? 'was' : 'were'} rebuilt from ${n === 1 ? 'its' : 'their'} review history.`,
  queueMismatch: (n) =>
    `${count(n, 'card')} ${n === 1 ? 'was' : 'were'} in the wrong study list for ${n === 1 ? 'its' : 'their'} state and ${n === 1 ? 'was' : 'were'} moved.`,
  strayBuriedUntil: (n) => `${count(n, 'card')} kept a "buried until" date without being buried; it was cleared.`,
  countsFromLog: (n) =>
    `${count(n, 'card')} had review or lapse counts that disagreed with the review history; they were recounted from it.`
}

/** What the Tools screen says after a check: a headline, what was repaired, and what was kept. */
export function summariseCheck(report: CheckReport): { headline: string; repairs: string[]; notes: string[] } {
  const checked = `Checked ${count(report.cards, 'card')} and ${count(report.logs, 'review-log entry', 'review-log entries')}`
  const repairs = (Object.keys(WHAT_WAS_DONE) as RepairKind[])
    .filter((k) => report.repaired[k] > 0)
    .map((k) => WHAT_WAS_DONE[k](report.repaired[k]))
  const notes =
    report.logsWithoutCard > 0
      ? [
          `${count(report.logsWithoutCard, 'review-log entry', 'review-log entries')} belong${report.logsWithoutCard === 1 ? 's' : ''} to cards that no longer exist. They were kept: they are part of your study history and statistics.`
        ]
      : []
  const headline = repairs.length === 0 ? `${checked}: no problems found.` : `${checked} and repaired what was wrong:`
  return { headline, repairs, notes }
}
