import { Button } from '@components/Button'
import type { BrowseDialog } from '@screens/browse/ActionDialogs'
import { actions, useRecall } from '@store'
import { selectionSize } from '@store/browse-selection'

/** Whether the cards an action would apply to are all suspended: the button then unsuspends. */
export const useTargetsSuspended = (): boolean => useRecall((s) => s.browse.targetsSuspended)

/** How many cards the search found, and how many of them are selected. */
export function CardCount() {
  const total = useRecall((s) => s.browse.results.length)
  const selected = useRecall((s) => selectionSize(s.browse.selected, s.browse.results))
  // The first screenful read early is not the count: that comes with the worker's answer.
  const early = useRecall((s) => s.browse.early)
  return (
    <span className="text-sm text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
      {early ? 'Counting cards…' : `${total.toLocaleString()} card${total === 1 ? '' : 's'}`}
      {selected > 0 ? ` · ${selected.toLocaleString()} selected` : ''}
    </span>
  )
}

/** A key shown on its button where there is room; the button still names it to assistive technology. */
const Key = ({ keys }: { keys: string }) => <kbd className="ms-1 hidden text-xs lg:inline">{keys}</kbd>

/** What can be done to the selection (or, with none, the focused card). */
export function BrowseToolbar({ targets, onDialog }: { targets: number; onDialog: (d: BrowseDialog) => void }) {
  const busy = useRecall((s) => s.browse.busy)
  const canUndo = useRecall((s) => s.browse.undo.length > 0)
  const suspended = useTargetsSuspended()
  const none = targets === 0 || busy
  const small = 'px-3! py-1.5! text-sm'

  return (
    <div role="toolbar" aria-label="Card actions" className="flex flex-wrap items-center gap-2">
      <Button className={small} disabled={none} aria-keyshortcuts="Control+J" onClick={() => void actions().suspendSelected(!suspended)}>
        {suspended ? 'Unsuspend' : 'Suspend'} <Key keys="Ctrl+J" />
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
      <Button className={small} disabled={none} aria-keyshortcuts="Delete" onClick={() => onDialog('delete')}>
        Delete… <Key keys="Del" />
      </Button>
      <Button className={small} disabled={!canUndo || busy} aria-keyshortcuts="Control+Z" onClick={() => void actions().undoBrowse()}>
        Undo <Key keys="Ctrl+Z" />
      </Button>
    </div>
  )
}
