import { optimizeParameters, type OptimizerBinding } from '@main/optimizer'
import * as binding from '@open-spaced-repetition/binding'
import { trainInWasm, type FsrsWasm } from '@platform/fsrs-wasm'
import type { OptimizerProgress } from '@shared/optimizer'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import { syntheticHistories } from '../../../../scripts/bench/synthetic-reviews'

/** fsrs-browser's parameters may differ from the binding's by this much, each (both are fsrs-rs 5.x; measured: ≤ 1e-6). */
const TOLERANCE = 1e-4

let wasm: FsrsWasm

beforeAll(async () => {
  // The package's thread-pool helper listens on `self` when imported; Node has none (the web build
  // swaps the helper out, see scripts/renderer-config.ts).
  Object.assign(globalThis, { self: globalThis })
  if (!('addEventListener' in globalThis)) Object.assign(globalThis, { addEventListener: () => undefined })
  const module = await import('fsrs-browser')
  const bytes = readFileSync(createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm'))
  const { memory } = module.initSync({ module: bytes })
  wasm = { Fsrs: module.Fsrs, Progress: module.Progress, memory }
})

describe('the web build’s optimizer (fsrs-browser, fsrs-rs in WebAssembly)', () => {
  it('fits the same parameters as the desktop’s binding on the same histories, with progress at each epoch', async () => {
    const histories = syntheticHistories(12_000, 5)
    const progress: OptimizerProgress[] = []
    const web = trainInWasm(wasm, histories, (p) => progress.push(p))
    const desktop = await optimizeParameters(histories, binding as unknown as OptimizerBinding)
    if (!web.ok || !desktop.ok) throw new Error(`${web.ok ? '' : web.message} ${desktop.ok ? '' : desktop.message}`)
    const difference = Math.max(...web.w.map((w, i) => Math.abs(w - desktop.w[i]!)))
    console.log(`fsrs-browser vs binding on ${histories.length} cards: largest parameter difference ${difference.toExponential(2)}`)
    expect(web.w).toHaveLength(21)
    expect(difference).toBeLessThanOrEqual(TOLERANCE)
    // Five epochs, each reported once, then the final line; the count grows to its total.
    expect(progress.length).toBeGreaterThanOrEqual(5)
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b))
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total)
  }, 120_000)

  it('refuses with the desktop’s message when the history is too short', () => {
    expect(trainInWasm(wasm, syntheticHistories(300, 1))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Optimizing needs at least 400 reviews of cards studied on an earlier day; this deck has \d+\./)
    })
  })
})
