import { Button } from '@components/Button'
import { reasonOf } from '@core/errors'
import { importAttempt } from '@platform/import-again'
import { Component, createElement, type ComponentType, type ReactNode } from 'react'

type Importer = () => Promise<object>

/** A screen or dialog fetched on first use (see `lazyPart`), whose component takes `P`. */
export interface LazyPart<P extends object = object> {
  /** Fetches its module (once, or again after `retry`); resolves with the component. */
  load(): Promise<ComponentType<P>>
  /** The component, once fetched. */
  loaded: ComponentType<P> | undefined
  /** After a failed fetch: the next `load` asks again. */
  retry(): void
}

/**
 * A screen or dialog whose code is fetched the first time it is shown, so the deck list and the
 * study screen start without it: `importModule` fetches its module, `name` is the component's
 * export. Chromium remembers a failed dynamic import of a URL, so a retry asks for the same file
 * under a new URL (`?retry=N`). A dropped connection or a chunk missing after an update can then
 * be retried.
 */
export function lazyPart<P extends object = object>(importModule: Importer, name = 'default'): LazyPart<P> {
  let attempt = 0
  let pending: Promise<ComponentType<P>> | undefined
  const part: LazyPart<P> = {
    loaded: undefined,
    load() {
      const retry = attempt
      pending ??= importAttempt(importModule, retry).then((module) => (part.loaded = (module as Record<string, ComponentType<P>>)[name]!))
      return pending
    },
    retry() {
      attempt++
      pending = undefined
    }
  }
  return part
}

interface LazyViewProps<P extends object> {
  part: LazyPart<P>
  /** What is loading, for the message when it cannot be: "the statistics". */
  what: string
  /** The props the part's component takes (a dialog's card and its close). */
  props?: P
}

interface ViewState {
  error: unknown
}

/**
 * Shows a lazily loaded part: "Loading…" while its code arrives, a message and a retry if it
 * cannot. Not React's Suspense: once it has shown a fallback, React holds the content back until
 * 300 ms have passed, and the statistics, fetched in 20–40 ms, were painted after 310 ms.
 */
export class LazyView<P extends object = object> extends Component<LazyViewProps<P>, ViewState> {
  override state: ViewState = { error: null }
  private mounted = false

  static getDerivedStateFromError(error: unknown): ViewState {
    return { error }
  }

  override componentDidMount(): void {
    this.mounted = true
    this.fetch()
  }

  override componentDidUpdate(previous: LazyViewProps<P>): void {
    if (previous.part !== this.props.part) this.fetch()
  }

  override componentWillUnmount(): void {
    this.mounted = false
  }

  private fetch(): void {
    const { part } = this.props
    if (part.loaded) return
    part.load().then(
      () => this.mounted && this.forceUpdate(),
      (error: unknown) => this.mounted && this.setState({ error })
    )
  }

  private retry = () => {
    this.props.part.retry()
    this.setState({ error: null }, () => this.fetch())
  }

  override render(): ReactNode {
    const { part, what, props } = this.props
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
    const Part = part.loaded
    return Part ? createElement(Part, props) : <LoadingNote />
  }
}

function LoadingNote() {
  return (
    <p role="status" className="my-4 text-slate-600 dark:text-slate-300">
      Loading…
    </p>
  )
}
