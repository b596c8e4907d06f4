import type { CheckReport, RepairKind } from '@core/maintenance/check-rules'
import { agree, plural as count, wasWere } from '@shared/plural'

const WHAT_WAS_DONE: Record<RepairKind, (n: number) => string> = {
  cardWithoutDeck: (n) =>
    `${count(n, 'card')} whose deck no longer exists ${wasWere(n)} taken out of study; progress is kept in case the deck returns.`,
  impossibleState: (n) =>
    `${count(n, 'card')} had impossible scheduling values (such as a missing stability or due date) and ${wasWere(n)} rebuilt from ${agree(n, 'its', 'their')} review history.`,
  queueMismatch: (n) =>
    `${count(n, 'card')} ${wasWere(n)} in the wrong study list for ${agree(n, 'its', 'their')} state and ${wasWere(n)} moved.`,
  strayBuriedUntil: (n) =>
    `${count(n, 'card')} kept a "buried until" date without being buried; ${agree(n, 'it was', 'the dates were')} cleared.`,
  countsFromLog: (n) =>
    `${count(n, 'card')} had review or lapse counts that disagreed with the review history; they were recounted from it.`
}

/** What the Tools screen says after a check: a headline, what was repaired, and what was kept. */
export function summariseCheck(report: CheckReport): { headline: string; repairs: string[]; notes: string[] } {
  const checked = `Checked ${count(report.cards, 'card')} and ${count(report.logs, 'review-log entry', 'review-log entries')}`
  const repairs = (Object.keys(WHAT_WAS_DONE) as RepairKind[])
    .filter((k) => report.repaired[k] > 0)
    .map((k) => WHAT_WAS_DONE[k](report.repaired[k]))
  const n = report.logsWithoutCard
  const notes =
    n > 0
      ? [
          `${count(n, 'review-log entry', 'review-log entries')} ${agree(n, 'belongs to a card that no longer exists', 'belong to cards that no longer exist')}. ${agree(n, 'It was kept: it is', 'They were kept: they are')} part of your study history and statistics.`
        ]
      : []
  const headline = repairs.length === 0 ? `${checked}: no problems found.` : `${checked} and repaired what was wrong:`
  return { headline, repairs, notes }
}
