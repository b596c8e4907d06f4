import { DeckSelect } from '@components/DeckSelect'
import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { plural } from '@core/format'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState, type ReactNode } from 'react'

export type BrowseDialog = 'add-tags' | 'remove-tags' | 'move' | 'delete'

const fieldClass =
  'rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600'

/** A modal form in the house style; Escape and Cancel close it, submitting runs `onSubmit`. */
function Modal({
  title,
  children,
  submitLabel,
  danger,
  onSubmit,
  onClose
}: {
  title: string
  children: ReactNode
  submitLabel: string
  danger?: boolean
  onSubmit: () => Promise<boolean>
  onClose: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="browse-dialog-title"
      className="m-auto w-full max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:bg-slate-800 dark:text-slate-100"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void onSubmit().then((done) => done && onClose())
        }}
      >
        <h2 id="browse-dialog-title" className="mb-4 text-lg font-semibold">
          {title}
        </h2>
        {children}
        <div className="mt-5 flex justify-end gap-2">
          <Button onClick={onClose} autoFocus={danger}>
            Cancel
          </Button>
          <Button
            type="submit"
            tone="primary"
            className={danger ? 'bg-red-600! hover:bg-red-700! dark:bg-red-500! dark:hover:bg-red-400!' : ''}
          >
            {submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  )
}

const count = (n: number) => plural(n, 'card')

export function ActionDialog({ kind, targets, onClose }: { kind: BrowseDialog; targets: number; onClose: () => void }) {
  const decks = useRecall((s) => s.browse.decks)
  const problem = useRecall((s) => s.browse.problem)
  const [tags, setTags] = useState('')
  const mine = decks.filter((d) => d.editable)
  const [deckId, setDeckId] = useState(mine[0]?.id ?? '')
  // Only a problem with this dialog's own action is shown in it.
  const [tried, setTried] = useState(false)
  const attempt = (run: () => Promise<boolean>) => () => (setTried(true), run())
  const error = tried && problem && (
    <Alert kind="inline" className="mt-3">
      {problem}
    </Alert>
  )

  if (kind === 'delete') {
    return (
      <Modal
        title={`Delete ${count(targets)}?`}
        submitLabel="Delete"
        danger
        onSubmit={attempt(() => actions().deleteSelected())}
        onClose={onClose}
      >
        <p>Both directions of each card are deleted, with their review history. This cannot be undone.</p>
        {error}
      </Modal>
    )
  }
  if (kind === 'move') {
    return (
      <Modal
        title={`Move ${count(targets)}`}
        submitLabel="Move"
        onSubmit={attempt(() => (deckId ? actions().moveSelected(deckId) : Promise.resolve(false)))}
        onClose={onClose}
      >
        {mine.length === 0 ? (
          <p>You have no decks of your own yet. Make one with “New deck…” on the Add screen.</p>
        ) : (
          <label className="flex flex-col gap-1 text-sm font-medium">
            To deck
            <DeckSelect autoFocus decks={mine} value={deckId} onChoose={setDeckId} className="font-normal" />
          </label>
        )}
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Cards keep their progress and history. Only cards of your own decks can move.
        </p>
        {error}
      </Modal>
    )
  }
  const adding = kind === 'add-tags'
  return (
    <Modal
      title={`${adding ? 'Add tags to' : 'Remove tags from'} ${count(targets)}`}
      submitLabel={adding ? 'Add tags' : 'Remove tags'}
      onSubmit={attempt(() => actions().tagSelected(tags, adding ? 'add' : 'remove'))}
      onClose={onClose}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Tags (separated by spaces)
        <input autoFocus value={tags} onChange={(e) => setTags(e.target.value)} className={fieldClass} />
      </label>
      {error}
    </Modal>
  )
}
