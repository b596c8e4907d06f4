import { actions, useRecall } from '@store'
import { useEffect, useState, type RefObject } from 'react'

const DEBOUNCE_MS = 150

/**
 * Anki's search syntax, searched as you type (after a short pause). A mistake is shown under the
 * box with the place it was found marked; until it is fixed the last results stay on screen.
 */
export function SearchBox({ inputRef, onLeave }: { inputRef: RefObject<HTMLInputElement | null>; onLeave: () => void }) {
  const stored = useRecall((s) => s.browse.query)
  const error = useRecall((s) => s.browse.queryError)
  const [text, setText] = useState(stored)

  useEffect(() => {
    if (text === stored) return
    const timer = setTimeout(() => void actions().setBrowseQuery(text), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, stored])

  return (
    <div className="flex min-w-64 flex-1 flex-col gap-1">
      <input
        ref={inputRef}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void actions().setBrowseQuery(text)
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            onLeave()
          }
        }}
        aria-label="Search cards"
        aria-invalid={error ? true : undefined}
        aria-describedby="browse-search-help"
        placeholder="Search, e.g. is:due tag:vision deck:aws-ml-chips   ( / )"
        spellCheck={false}
        className="w-full rounded-md bg-white px-3 py-2 font-mono text-sm ring-1 placeholder:font-sans ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 aria-invalid:ring-red-500 dark:bg-slate-900 dark:ring-slate-600 dark:aria-invalid:ring-red-400"
      />
      <div id="browse-search-help" className="min-h-5 text-sm">
        {error ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            <span className="me-2">{error.message}</span>
            <ErrorMark query={stored} position={error.position} />
          </p>
        ) : (
          <p className="text-slate-500 dark:text-slate-400">↓ into the list · Space selects · Enter opens · Ctrl+A selects all</p>
        )}
      </div>
    </div>
  )
}

/** The search with the character where reading stopped underlined in red. */
function ErrorMark({ query, position }: { query: string; position: number }) {
  const at = Math.min(position, query.length)
  return (
    <code aria-hidden="true" className="rounded bg-slate-100 px-1 text-slate-800 dark:bg-slate-800 dark:text-slate-200">
      {query.slice(0, at)}
      <mark className="bg-red-200 text-red-950 underline decoration-red-600 decoration-2 dark:bg-red-900 dark:text-red-50">
        {query[at] ?? ' '}
      </mark>
      {query.slice(at + 1)}
    </code>
  )
}
