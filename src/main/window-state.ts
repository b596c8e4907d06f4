import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** What is remembered between launches: the window's normal (unmaximized) bounds, and if it was maximized. */
export interface WindowState {
  bounds: Rect
  maximized: boolean
}

/** What the window opens with: a saved position only when it is still on a screen. */
export interface WindowPlacement {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 1000, height: 760 }
export const MIN_WINDOW_SIZE = { width: 480, height: 400 }
/** How much of the window must lie on one display for it to count as visible: enough to grab its title bar. */
const MIN_VISIBLE = { width: 120, height: 40 }

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && Math.abs(r[k]) < 100_000)
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

/**
 * Where to open the window, from what was saved (any JSON, possibly broken or from another
 * machine) and the work areas of today's displays. A display that was unplugged would leave the
 * window off screen, so the saved position is used only if enough of it lies on a display.
 */
export function placeWindow(saved: unknown, displays: readonly Rect[]): WindowPlacement {
  const state = saved as Partial<WindowState> | null
  const maximized = state?.maximized === true
  if (!state || !isRect(state.bounds)) return { ...DEFAULT_WINDOW_SIZE, maximized }
  const bounds = state.bounds
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.round(bounds.width))
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.round(bounds.height))
  const placed = { x: Math.round(bounds.x), y: Math.round(bounds.y), width, height }
  const display = displays.find((d) => {
    const o = overlap(placed, d)
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && placed.y >= d.y - 8
  })
  if (!display) return { ...DEFAULT_WINDOW_SIZE, maximized }
  // Larger than the display it is on (a smaller screen than last time): fit it.
  return {
    ...placed,
    width: Math.min(width, Math.max(MIN_WINDOW_SIZE.width, display.width)),
    height: Math.min(height, Math.max(MIN_WINDOW_SIZE.height, display.height)),
    maximized
  }
}

/** The saved state, or null when there is none or it cannot be read: the window then opens at its default size. */
export function loadWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch {
    return null
  }
}

/** Written beside and renamed over, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(state))
  renameSync(temporary, file)
}

/** The few BrowserWindow methods the tracker needs, so it runs under plain Node in tests. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isDestroyed(): boolean
}

/**
 * Saves the window's state a moment after it stops moving or resizing, and at once when it
 * closes. Normal bounds are saved even while maximized, so unmaximizing next time restores them.
 */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const saveNow = () => {
    clearTimeout(timer)
    timer = undefined
    if (window.isDestroyed()) return
    try {
      save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    } catch (error) {
      // Losing the window's position is not worth interrupting anyone for.
      console.error('could not save the window position', error)
    }
  }
  const later = () => {
    clearTimeout(timer)
    timer = setTimeout(saveNow, delayMs)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later)
  window.on('close', saveNow)
}
