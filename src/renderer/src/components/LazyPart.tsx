import { Button } from '@components/Button'
import { reasonOf } from '@core/errors'
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react'

type Importer = () => Promise<object>
type Loader = () => Promise<{ default: ComponentType }>

/**
 * A screen or dialog whose code is fetched the first time it is shown, so the deck list and the
 * study screen start without it: `importModule` fetches its module, `name` is the component's
 * export. React.lazy remembers a failed load for good, so each retry makes a fresh lazy
 * component; and Chromium remembers a failed dynamic import of a URL too, so a retry asks for the
 * same file under a new URL (`?retry=N`). A dropped connection or a chunk missing after an update
 * can then be retried.
 */
export function lazyPart(importModule: Importer, name = 'default'): { load: Loader; current: ComponentType; retry(): void } {
  const pick = (module: object): { default: ComponentType } => ({ default: (module as Record<string, ComponentType>)[name]! })
  let attempt = 0
  const part = {
    load: () => importModule().then(pick),
    current: lazy(() => importModule().then(pick)),
    retry() {
      const retry = ++attempt
      part.current = lazy(() =>
        importModule()
          .catch((error: unknown) => importAgain(error, retry))
          .then(pick)
      )
    }
  }
  return part
}

/** The module of a failed dynamic import, asked for under a new URL; the error again when it names none. */
function importAgain(error: unknown, attempt: number): Promise<object> {
  const url = /dynamically imported module: (\S+)/.exec(error instanceof Error ? error.message : '')?.[1]
  if (!url) throw error
  return import(/* @vite-ignore */ `${url}${url.includes('?') ? '&' : '?'}retry=${attempt}`) as Promise<object>
}

interface LazyViewProps {
  part: ReturnType<typeof lazyPart>
  /** What is loading, for the message when it cannot be: "the statistics". */
  what: string
}

interface BoundaryState {
  error: unknown
}

/** Shows a lazily loaded part: "Loading…" while its code arrives, a message and a retry if it cannot. */
export class LazyView extends Component<LazyViewProps, BoundaryState> {
  override state: BoundaryState = { error: null }

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error }
  }

  private retry = () => {
    this.props.part.retry()
    this.setState({ error: null })
  }

  override render(): ReactNode {
    const { part, what } = this.props
    if (this.state.error) {
      const reason = reasonOf(this.state.error)
      return (
        <div
          role="alert"
          className="my-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          <p>
            Recall could not open {what} ({reason}).
          </p>
          <Button className="mt-2" onClick={this.retry}>
            Try again
          </Button>
        </div>
      )
    }
    const Part = part.current
    return (
      <Suspense fallback={<LoadingNote />}>
        <Part />
      </Suspense>
    )
  }
}

function LoadingNote() {
  return (
    <p role="status" className="my-4 text-slate-600 dark:text-slate-300">
      Loading…
    </p>
  )
}
