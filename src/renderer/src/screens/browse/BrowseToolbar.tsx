import { Button } from '@components/Button'
import { Queue } from '@core/model'
import type { BrowseDialog } from '@screens/browse/ActionDialogs'
import { actions, useRecall } from '@store'
import { useMemo } from 'react'

/** Whether the cards an action would apply to are all suspended: the button then unsuspends. */
export function useTargetsSuspended(): boolean {
  const rows = useRecall((s) => s.browse.results)
  const selected = useRecall((s) => s.browse.selected)
  const focusedId = useRecall((s) => s.browse.focusedId)
  return useMemo(() => {
    const ids = selected.size > 0 ? selected : new Set(focusedId ? [focusedId] : [])
    const targets = rows.filter((r) => ids.has(r.id))
    return targets.length > 0 && targets.every((r) => r.queue === Queue.Suspended)
  }, [rows, selected, focusedId])
}

/** What can be done to the selection (or, with none, the focused card). */
export function BrowseToolbar({ targets, onDialog }: { targets: number; onDialog: (d: BrowseDialog) => void }) {
  const total = useRecall((s) => s.browse.results.length)
  const selected = useRecall((s) => s.browse.selected.size)
  const busy = useRecall((s) => s.browse.busy)
  const canUndo = useRecall((s) => s.browse.undo.length > 0)
  const suspended = useTargetsSuspended()
  const none = targets === 0 || busy
  const small = 'px-3! py-1.5! text-sm'

  return (
    <div role="toolbar" aria-label="Card actions" className="flex flex-wrap items-center gap-2">
      <span className="me-2 text-sm text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
        {total.toLocaleString()} card{total === 1 ? '' : 's'}
        {selected > 0 ? ` · ${selected.toLocaleString()} selected` : ''}
      </span>
      <Button className={small} disabled={none} onClick={() => void actions().suspendSelected(!suspended)}>
        {suspended ? 'Unsuspend' : 'Suspend'} <kbd className="ms-1 text-xs">Ctrl+J</kbd>
      </Button>
      <Button className={small} disabled={none} onClick={() => void actions().forgetSelected()}>
        Reset to new
      </Button>
      <Button className={small} disabled={none} onClick={() => onDialog('add-tags')}>
        Add tags…
      </Button>
      <Button className={small} disabled={none} onClick={() => onDialog('remove-tags')}>
        Remove tags…
      </Button>
      <Button className={small} disabled={none} onClick={() => onDialog('move')}>
        Move…
      </Button>
      <Button className={small} disabled={none} onClick={() => onDialog('delete')}>
        Delete… <kbd className="ms-1 text-xs">Del</kbd>
      </Button>
      <Button className={small} disabled={!canUndo || busy} onClick={() => void actions().undoBrowse()}>
        Undo <kbd className="ms-1 text-xs">Ctrl+Z</kbd>
      </Button>
    </div>
  )
}
