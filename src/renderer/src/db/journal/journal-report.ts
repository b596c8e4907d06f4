import type { JournalStartReport } from '@db/journal/journal-start'
import { plural } from '@shared/plural'

/** What a person is told after the start-up check, if anything: a recovery is never silent. */
export function describeJournalStart(report: JournalStartReport, formatDate: (date: number) => string): string | undefined {
  switch (report.kind) {
    case 'caught-up': {
      const what = report.reviews > 0 ? plural(report.reviews, 'answer') : plural(report.transactions, 'change')
      return `When Recall last stopped, your browser had not finished saving ${what}. Recall put ${report.reviews + report.transactions === 1 ? 'it' : 'them'} back from its journal: nothing is lost.`
    }
    case 'rebuilt': {
      const answers = plural(report.reviews, 'answer')
      const source = report.backup
        ? `the automatic backup of ${formatDate(report.backup.date)} and its journal (${answers} since that backup)`
        : `its journal (${answers})`
      const gap = report.incomplete
        ? ' Some changes from before the journal begins could not be found: look over your decks, and restore an older backup from Backups if something is missing.'
        : ''
      return `Your browser had lost Recall’s saved collection (this can happen when the browser or the computer stops abruptly). Recall rebuilt it from ${source}.${gap}`
    }
    case 'unavailable':
      return `Recall’s journal could not be opened (${report.reason}). Your collection is saved as usual, but if the browser loses it, Recall cannot rebuild it: make a backup from Backups now and then.`
    default:
      return undefined
  }
}
