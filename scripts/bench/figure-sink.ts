import type { BareSample, ScreenSample } from './page/in-app-page'
import { figure, loadMeter, withLimit, type Figure, type Load } from './report'
import type { Paired } from './screen-flows'

const log = (message: string) => console.error(`[bench] ${message}`)

/**
 * Where the figures of one size go: each is printed as it is made, with the load average of the
 * phase it was measured in, and kept for the table. A figure and its limit are pushed together.
 */
export function figureSink(n: number, emit: (f: Figure) => void) {
  const out: Figure[] = []
  let load: Load = { min: NaN, max: NaN }
  const push = (f: Figure) => {
    const withLoad = { ...f, load }
    out.push(withLoad)
    emit(withLoad)
  }
  /** Runs one step of the measurements, sampling the load average meanwhile. */
  const phase = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    log(`${n}: ${what}…`)
    const meter = loadMeter()
    try {
      return await run()
    } finally {
      load = meter.stop()
    }
  }
  /** A step whose failure (a timeout at a size too big for it) is reported and skipped, not fatal to the run. */
  const optional = async (what: string, run: () => Promise<void>) => {
    try {
      await run()
    } catch (error) {
      log(`${n}: ${what} could not be measured: ${error instanceof Error ? error.message : String(error)}`)
      console.log(JSON.stringify({ name: 'not-measured', size: n, what, reason: String(error).slice(0, 400) }))
    }
  }
  const ms = (name: string, samples: number[], note: string) => figure(name, n, samples, 'ms', { note })
  const pair = (name: string, app: number[], bare: number[], note: string, limitNote: string) => {
    const limit = ms(`limit:${name}`, bare, limitNote)
    push(limit)
    push(withLimit(ms(name, app, note), limit))
  }
  const pairScreen = (name: string, paired: Paired, pick: (s: ScreenSample) => number, note: string, limitNote: string) =>
    pair(
      name,
      paired.app.map(pick),
      paired.bare.map((b: BareSample) => b.painted),
      note,
      limitNote
    )
  const bytes = (name: string, samples: number[], note: string) => push(figure(name, n, samples, 'bytes', { note }))
  return { n, out, push, phase, optional, ms, pair, pairScreen, bytes }
}

export type FigureSink = ReturnType<typeof figureSink>
