import { importAttempt } from '@platform/import-again'

/** The stand-in for a slice's action `name`, whose code is fetched on first use (see `lazyActions`). */
type LazyActions<A> = <K extends keyof A>(name: K) => A[K]

/**
 * A slice's heavier actions, whose code is fetched the first time one of them runs, so that the
 * first download holds only the slice's state, its light actions and these stand-ins
 * (docs/performance.md, first download). `importModule` fetches the module and `make` builds the
 * actions from it, once per store. Once built, a stand-in calls the action at once, so it behaves
 * as if it were in the slice; before that, a call waits for the code (only actions that return
 * nothing or a promise may stand in this way). Calls made while the code arrives run in the order
 * they were made. When the code cannot be fetched, `failed` shows why in the slice's own words
 * and the call resolves with what it returns, as the slice's actions do after a failure they
 * report (without `failed`, the call rejects); the next call asks again, under a new URL as a
 * screen's Try again does.
 */
export function lazyActions<M, A extends object>(
  importModule: () => Promise<M>,
  make: (module: M) => A,
  failed?: (error: unknown, name: keyof A, args: unknown[]) => unknown
): LazyActions<A> {
  let actions: A | undefined
  let pending: Promise<A> | undefined
  let attempt = 0
  const load = (): Promise<A> =>
    (pending ??= importAttempt(importModule, attempt).then(
      (module) => (actions ??= make(module)),
      (error: unknown) => {
        pending = undefined
        attempt++
        throw error
      }
    ))
  const call = (name: keyof A, args: unknown[]) => (actions![name] as (...args: unknown[]) => unknown)(...args)
  return <K extends keyof A>(name: K): A[K] =>
    ((...args: unknown[]) =>
      actions
        ? call(name, args)
        : load().then(
            () => call(name, args),
            (error: unknown) => {
              if (!failed) throw error
              return failed(error, name, args)
            }
          )) as A[K]
}

/** The stand-ins for the actions `names`, to spread into a slice. */
export function standIns<A, K extends keyof A>(later: LazyActions<A>, names: readonly K[]): Pick<A, K> {
  return Object.fromEntries(names.map((name) => [name, later(name)])) as Pick<A, K>
}
