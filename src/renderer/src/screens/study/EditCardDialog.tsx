import { useEffect, useRef, useState } from 'react'
import { Button } from '../../components/Button'
import type { CardRecord } from '../../db/records'
import { actions } from '../../store'

/** Edits the card's text (both directions); its scheduling and history are untouched. */
export function EditCardDialog({ card, onClose }: { card: CardRecord; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [front, setFront] = useState(card.reverse ? card.answer : card.question)
  const [back, setBack] = useState(card.reverse ? card.question : card.answer)
  const [extra, setExtra] = useState(card.extra ?? '')
  const empty = !front.trim() || !back.trim()

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  const save = async () => {
    if (empty) return
    await actions().editCard({ front, back, extra })
    onClose()
  }

  const field = (label: string, value: string, change: (v: string) => void, rows: number) => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <textarea
        rows={rows}
        value={value}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save()
        }}
        className="rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600"
      />
    </label>
  )

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="edit-title"
      className="m-auto w-full max-w-xl rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:bg-slate-800 dark:text-slate-100"
    >
      <h2 id="edit-title" className="mb-4 text-lg font-semibold">
        Edit card
      </h2>
      <div className="flex flex-col gap-3">
        {field('Front', front, setFront, 3)}
        {field('Back', back, setBack, 5)}
        {field('Extra (shown under the answer)', extra, setExtra, 2)}
        {empty && <p className="text-sm text-red-700 dark:text-red-300">Front and back cannot be empty.</p>}
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button tone="primary" disabled={empty} onClick={() => void save()}>
          Save <kbd className="ms-1 text-xs opacity-75">Ctrl+Enter</kbd>
        </Button>
      </div>
    </dialog>
  )
}
