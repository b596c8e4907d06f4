import { Button } from '@components/Button'
import { actions, useRecall } from '@store'
import { useEffect } from 'react'

const TONES = {
  failed: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  waiting: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
  recovered: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100'
}

/**
 * The collection's own troubles, above every screen: it could not be opened, another window
 * blocks its upgrade, or another window upgraded it and this one must reload; and, once, what
 * the journal put back at start.
 */
export function CollectionAlert() {
  const collection = useRecall((s) => s.collection)
  const journalNotice = useRecall((s) => s.journalNotice)
  useEffect(() => {
    void actions().openCollection()
  }, [])
  if (!collection.message) return journalNotice ? <JournalNotice {...journalNotice} /> : null
  const canReload = collection.state === 'closed' || collection.state === 'failed'
  return (
    <div
      role="alert"
      data-testid="collection-alert"
      className={`mb-4 flex flex-wrap items-center gap-3 rounded-md p-3 ${collection.state === 'failed' ? TONES.failed : TONES.waiting}`}
    >
      <p className="flex-1">{collection.message}</p>
      {canReload && <Button onClick={() => window.location.reload()}>Reload</Button>}
    </div>
  )
}

/** What the journal put right at start (db/journal): told once, until the person closes it. */
function JournalNotice({ tone, message }: { tone: 'recovered' | 'warning'; message: string }) {
  return (
    <div
      role="status"
      data-testid="journal-notice"
      className={`mb-4 flex flex-wrap items-center gap-3 rounded-md p-3 ${tone === 'warning' ? TONES.waiting : TONES.recovered}`}
    >
      <p className="flex-1">{message}</p>
      <Button onClick={() => actions().dismissJournalNotice()}>OK</Button>
    </div>
  )
}
