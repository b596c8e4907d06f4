import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { actions, useRecall } from '@store'
import { useState } from 'react'

/** A deck's details: where it came from, export, and for your own decks rename and delete. */
export function DeckAdminDialog() {
  const admin = useRecall((s) => s.deckAdmin)
  const deck = useRecall((s) => s.library.decks.find((d) => d.id === s.deckAdmin?.deckId))
  const [name, setName] = useState(deck?.name ?? '')
  const [confirmDelete, setConfirmDelete] = useState(false)
  if (!admin || !deck) return null
  const own = deck.origin === 'user'
  const close = () => actions().closeDeckAdmin()

  return (
    <Dialog title={deck.name} onClose={close} testId="deck-admin">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Source</dt>
        <dd>
          {own
            ? `Imported from ${deck.file}`
            : `Built into Recall (${deck.file}); updated with new versions of Recall, keeping your edits to its cards`}
        </dd>
        <dt className="font-medium">Last changed</dt>
        <dd>{new Date(deck.updatedAt).toLocaleString()}</dd>
        <dt className="font-medium">Study cards</dt>
        <dd>{deck.cardCount}</dd>
      </dl>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button data-autofocus onClick={() => void actions().exportDeckFile(deck.id, 'json')}>
          Export as Recall deck (.json)
        </Button>
        <Button onClick={() => void actions().exportDeckFile(deck.id, 'csv')}>Export as CSV (Anki)</Button>
        <Button onClick={() => void actions().exportDeckFile(deck.id, 'apkg')}>Export as Anki package (.apkg)</Button>
      </div>
      {own && (
        <form
          className="mt-4 flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void actions().renameDeck(deck.id, name)
          }}
        >
          <label className="flex flex-1 flex-col gap-1 text-sm font-medium">
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="rounded-md bg-white px-3 py-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600"
            />
          </label>
          <Button type="submit">Rename</Button>
        </form>
      )}
      {own &&
        (confirmDelete ? (
          <div role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
            <p>
              Delete “{deck.name}”? Its cards leave your deck list; their progress is kept, so importing the same deck again restores it.
            </p>
            <div className="mt-2 flex gap-2">
              <Button onClick={() => setConfirmDelete(false)}>Keep it</Button>
              <Button tone="primary" onClick={() => void actions().deleteDeck(deck.id)}>
                Delete deck
              </Button>
            </div>
          </div>
        ) : (
          <Button className="mt-4" onClick={() => setConfirmDelete(true)}>
            Delete deck…
          </Button>
        ))}
      <p role="status" className="mt-3 min-h-5 text-sm">
        {admin.message}
      </p>
      <div className="flex justify-end">
        <Button tone="primary" onClick={close}>
          Close
        </Button>
      </div>
    </Dialog>
  )
}
