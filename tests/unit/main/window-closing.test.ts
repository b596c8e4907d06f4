import { closeAfterHandOver, type ClosingWindow } from '@main/window-closing'
import { describe, expect, it } from 'vitest'

/** A window that records what was done to it, and a hand-over the test finishes when it likes. */
function setUp() {
  const done: string[] = []
  let visible = true
  let minimized = false
  const window: ClosingWindow = {
    hide: () => ((visible = false), done.push('hide')),
    show: () => ((visible = true), done.push('show')),
    focus: () => done.push('focus'),
    destroy: () => done.push('destroy'),
    isMinimized: () => minimized,
    restore: () => ((minimized = false), done.push('restore'))
  }
  const handOvers: Array<() => void> = []
  let gone = 0
  const closing = closeAfterHandOver(
    window,
    () => new Promise<void>((resolve) => handOvers.push(resolve)),
    () => gone++
  )
  const close = () => {
    let prevented = false
    closing.onClose({ preventDefault: () => (prevented = true) })
    return prevented
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  return {
    done,
    closing,
    close,
    settle,
    handOvers,
    visible: () => visible,
    gone: () => gone,
    minimize: () => (minimized = true)
  }
}

describe('closing the window after the last backup is handed over', () => {
  it('hides the window at once and destroys it only when the hand-over is done', async () => {
    const t = setUp()
    expect(t.close()).toBe(true)
    expect(t.visible()).toBe(false)
    expect(t.done).toEqual(['hide'])
    await t.settle()
    expect(t.done).not.toContain('destroy')
    t.handOvers[0]!()
    await t.settle()
    expect(t.done).toEqual(['hide', 'destroy'])
    expect(t.gone()).toBe(1)
  })

  it('brings the hidden window back when Recall is opened again while it closes, and keeps it open', async () => {
    const t = setUp()
    t.close()
    t.closing.bringBack()
    expect(t.visible()).toBe(true)
    expect(t.done).toEqual(['hide', 'show', 'focus'])
    t.handOvers[0]!()
    await t.settle()
    expect(t.done).not.toContain('destroy')
    expect(t.gone()).toBe(0)
    // Closed again later: a new hand-over, then the window goes.
    expect(t.close()).toBe(true)
    expect(t.handOvers).toHaveLength(2)
    t.handOvers[1]!()
    await t.settle()
    expect(t.done.at(-1)).toBe('destroy')
    expect(t.gone()).toBe(1)
  })

  it('closed, brought back and closed again during one hand-over: that hand-over ends it, with no second one', async () => {
    const t = setUp()
    t.close()
    t.closing.bringBack()
    t.close()
    expect(t.visible()).toBe(false)
    expect(t.handOvers).toHaveLength(1)
    t.handOvers[0]!()
    await t.settle()
    expect(t.done.filter((d) => d === 'destroy')).toHaveLength(1)
    expect(t.gone()).toBe(1)
  })

  it('a second close while hiding is prevented and starts nothing new', () => {
    const t = setUp()
    t.close()
    expect(t.close()).toBe(true)
    expect(t.handOvers).toHaveLength(1)
  })

  it('restores a minimised window when it is brought back', () => {
    const t = setUp()
    t.minimize()
    t.closing.bringBack()
    expect(t.done).toEqual(['restore', 'show', 'focus'])
  })

  it('a hand-over that fails still lets the window go', async () => {
    const window = { hide() {}, show() {}, focus() {}, destroy() {}, isMinimized: () => false, restore() {} }
    let gone = false
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => errors.push(args)
    try {
      const closing = closeAfterHandOver(
        window,
        () => Promise.reject(new Error('disk full')),
        () => (gone = true)
      )
      closing.onClose({ preventDefault() {} })
      await new Promise((resolve) => setTimeout(resolve, 0))
    } finally {
      console.error = original
    }
    expect(gone).toBe(true)
    expect(errors).toHaveLength(1)
  })
})
