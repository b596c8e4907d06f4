import { Button } from '@components/Button'
import { CardHistoryDialog } from '@components/CardHistoryDialog'
import { ActionDialog, type BrowseDialog } from '@screens/browse/ActionDialogs'
import { BrowseToolbar, CardCount, useTargetsSuspended } from '@screens/browse/BrowseToolbar'
import { CardTable } from '@screens/browse/CardTable'
import { DeckFilter } from '@screens/browse/DeckFilter'
import { EditPanel } from '@screens/browse/EditPanel'
import { SearchBox } from '@screens/browse/SearchBox'
import { actions, useRecall } from '@store'
import { selectionSize } from '@store/browse-selection'
import { useCallback, useEffect, useRef, useState } from 'react'

const inTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input, textarea, select, dialog') !== null

/** Anki's card browser: search, a sortable list of every card, actions on the selection, an editor. */
export function BrowseScreen() {
  const status = useRecall((s) => s.browse.status)
  const loaded = useRecall((s) => s.browse.loaded)
  const notice = useRecall((s) => s.browse.notice)
  const problem = useRecall((s) => s.browse.problem)
  const busy = useRecall((s) => s.browse.busy)
  const editing = useRecall((s) => (s.browse.editingId ? s.browse.rows.get(s.browse.editingId) : undefined))
  const targets = useRecall((s) => selectionSize(s.browse.selected, s.browse.results) || (s.browse.focusedId ? 1 : 0))
  const deckFilter = useRecall((s) => s.browse.deckFilter)
  const suspended = useTargetsSuspended()
  const [dialog, setDialog] = useState<BrowseDialog | null>(null)
  const [history, setHistory] = useState(false)
  const search = useRef<HTMLInputElement>(null)
  const grid = useRef<HTMLDivElement>(null)

  const openEditor = useCallback((id: string) => actions().openEditor(id), [])
  const closeEditor = useCallback(() => {
    actions().closeEditor()
    grid.current?.focus()
  }, [])

  // Leaving Browse lets its worker (and the columns it holds) go.
  useEffect(() => () => actions().closeBrowse(), [])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inTextField(event.target) || dialog || history) return
      const ctrl = event.ctrlKey || event.metaKey
      if (event.key === '/' && !ctrl) {
        event.preventDefault()
        search.current?.focus()
        search.current?.select()
      } else if (ctrl && event.key.toLowerCase() === 'z') {
        event.preventDefault()
        void actions().undoBrowse()
      } else if (ctrl && event.key.toLowerCase() === 'j' && targets > 0) {
        event.preventDefault()
        void actions().suspendSelected(!suspended)
      } else if (event.key === 'Escape' && editing) {
        closeEditor()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialog, history, targets, suspended, editing, closeEditor])

  const openHistory = async (id: string) => {
    await actions().showBrowseHistory(id)
    setHistory(true)
  }

  return (
    // The table needs the window's width: Browse takes the wide column (styles.css), and fills the
    // window's height so that as many rows show as fit, with the page itself never scrolling.
    <main className="layout-wide flex grow basis-0 flex-col gap-2" aria-labelledby="browse-title">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h1 id="browse-title" className="text-2xl font-bold">
          Browse
        </h1>
        <CardCount />
        <div role="status" className="min-w-0 flex-1 text-sm">
          {status === 'loading' && (
            <span className="me-2 text-slate-600 dark:text-slate-400">Reading cards… {loaded.toLocaleString()}</span>
          )}
          {busy ? (
            <span className="text-slate-600 dark:text-slate-400">Saving…</span>
          ) : problem && !dialog ? (
            <span className="text-red-700 dark:text-red-300">{problem}</span>
          ) : (
            <span className="text-green-800 dark:text-green-300">{notice}</span>
          )}
        </div>
        <Button className="px-3! py-1.5!" onClick={() => void actions().openAdd(deckFilter || undefined)}>
          + Add card
        </Button>
      </header>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <SearchBox inputRef={search} onLeave={() => grid.current?.focus()} />
        <DeckFilter />
      </div>
      <BrowseToolbar targets={targets} onDialog={setDialog} />
      {/* Beside the table from lg up; under it below, where the table makes room for the editor. */}
      <div className={`flex grow basis-0 flex-col gap-3 lg:flex-row lg:[&>aside]:h-auto ${editing ? 'max-lg:basis-auto' : ''}`}>
        <div className={`flex min-h-64 min-w-0 flex-1 flex-col ${editing ? 'max-lg:h-[45vh] max-lg:flex-none' : ''}`}>
          <CardTable gridRef={grid} onOpen={openEditor} onDelete={() => targets > 0 && setDialog('delete')} />
        </div>
        {editing && <EditPanel key={editing.id} row={editing} onClose={closeEditor} onHistory={() => void openHistory(editing.id)} />}
      </div>
      {dialog && (
        <ActionDialog
          kind={dialog}
          targets={targets}
          onClose={() => {
            setDialog(null)
            grid.current?.focus()
          }}
        />
      )}
      {history && <CardHistoryDialog onClose={() => setHistory(false)} />}
    </main>
  )
}
