import { DEFAULT_WINDOW_SIZE, loadWindowState, placeWindow, saveWindowState, trackWindowState, type Rect } from '@main/window-state'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 870 }
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1400 }

describe('placing the window', () => {
  it('reopens where it was, on the display it was on', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false }
    expect(placeWindow(saved, [laptop, external])).toEqual({ x: 1600, y: 100, width: 1200, height: 900, maximized: false })
  })

  it('falls back to the default size when that display is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: true }
    expect(placeWindow(saved, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: true })
  })

  it('does not trust a title bar above the top of the screen or a sliver at the edge', () => {
    expect(placeWindow({ bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false }, [laptop])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
    expect(placeWindow({ bounds: { x: 1400, y: 100, width: 800, height: 600 }, maximized: false }, [laptop])).toEqual({
      ...DEFAULT_WINDOW_SIZE,
      maximized: false
    })
  })

  it('fits a window saved on a bigger screen, and ignores broken files', () => {
    expect(placeWindow({ bounds: { x: 0, y: 0, width: 2400, height: 1300 }, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 870,
      maximized: false
    })
    for (const broken of [
      null,
      'x',
      { bounds: { x: 'a', y: 0, width: 1, height: 1 } },
      { bounds: { x: Infinity, y: 0, width: 800, height: 600 } }
    ]) {
      expect(placeWindow(broken, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false })
    }
  })
})

describe('remembering the window', () => {
  afterEach(() => vi.useRealTimers())

  it('saves atomically and reads back; an unreadable file means no saved state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'recall-window-'))
    const file = join(dir, 'nested', 'window-state.json')
    expect(loadWindowState(file)).toBeNull()
    saveWindowState(file, { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true })
    expect(loadWindowState(file)).toEqual({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true })
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json'])
    writeFileSync(file, '{"bounds": ')
    expect(loadWindowState(file)).toBeNull()
  })

  it('saves once after moving stops, and at once on close', () => {
    vi.useFakeTimers()
    let bounds: Rect = { x: 10, y: 10, width: 900, height: 700 }
    const window = Object.assign(new EventEmitter(), { getNormalBounds: () => bounds, isMaximized: () => false, isDestroyed: () => false })
    const saves: unknown[] = []
    trackWindowState(window, (state) => saves.push(state), 500)
    window.emit('move')
    bounds = { ...bounds, x: 50 }
    window.emit('move')
    vi.advanceTimersByTime(499)
    expect(saves).toEqual([])
    vi.advanceTimersByTime(1)
    expect(saves).toEqual([{ bounds: { x: 50, y: 10, width: 900, height: 700 }, maximized: false }])
    window.emit('resize')
    window.emit('close')
    expect(saves).toHaveLength(2)
    vi.advanceTimersByTime(1000)
    expect(saves).toHaveLength(2)
  })
})
