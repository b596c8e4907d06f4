import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { actions } from '@store'
import { useEffect, useRef, useState } from 'react'

/** Names a new deck of the user's own; a refused name is explained under the field. */
export function NewDeckDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string>()

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  const create = async () => {
    const refused = await actions().createDeck(name)
    if (refused) setProblem(refused)
    else onClose()
  }

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="new-deck-title"
      className="m-auto w-full max-w-md rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:bg-slate-800 dark:text-slate-100"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <h2 id="new-deck-title" className="mb-4 text-lg font-semibold">
          New deck
        </h2>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Name
          <input
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              setProblem(undefined)
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'new-deck-problem' : undefined}
            className="rounded-md bg-white p-2 font-normal ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 dark:bg-slate-900 dark:ring-slate-600"
          />
        </label>
        {problem && (
          <Alert kind="inline" id="new-deck-problem" className="mt-2">
            {problem}
          </Alert>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button tone="primary" type="submit">
            Create deck
          </Button>
        </div>
      </form>
    </dialog>
  )
}
