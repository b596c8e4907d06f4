import { electronPlatform } from '@platform/electron'
import type { RecallApi, RecallEvents } from '@shared/ipc'
import type { OptimizeResult, OptimizerProgress } from '@shared/optimizer'
import { describe, expect, it } from 'vitest'

describe('the desktop platform’s optimizer', () => {
  it('relays main’s progress, and on cancel resolves at once and stops listening while main runs on', async () => {
    const listeners = new Set<(p: OptimizerProgress) => void>()
    let finish: (result: OptimizeResult) => void = () => {}
    const api = {
      optimizeParameters: () => new Promise<OptimizeResult>((resolve) => (finish = resolve)),
      onOptimizerProgress: (listener: (p: OptimizerProgress) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      }
    } as unknown as RecallApi & RecallEvents
    const platform = electronPlatform(api)
    expect(platform.optimizerStops).toBe(false)
    const heard: OptimizerProgress[] = []
    const controller = new AbortController()
    const result = platform.optimizeParameters([], { onProgress: (p) => heard.push(p), signal: controller.signal })
    for (const listener of listeners) listener({ done: 1, total: 5 })
    controller.abort()
    expect(await result).toEqual({ ok: false, message: 'Optimizing was cancelled.' })
    expect(listeners.size).toBe(0)
    finish({ ok: true, w: [] })
    expect(heard).toEqual([{ done: 1, total: 5 }])
  })
})
