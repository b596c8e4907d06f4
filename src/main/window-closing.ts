/** The parts of a BrowserWindow that closing it takes. */
export interface ClosingWindow {
  hide(): void
  show(): void
  focus(): void
  destroy(): void
  isMinimized(): boolean
  restore(): void
}

/**
 * Closing the window first hands the last backup over (the page can still answer while the window
 * is hidden; up to a minute for a heavy collection), then destroys it. Opening Recall again in
 * that time brings the same window back instead of leaving a hidden one that a second launch can
 * only "focus": the hand-over still finishes, and the window stays.
 */
export function closeAfterHandOver(window: ClosingWindow, handOver: () => Promise<unknown>, onGone: () => void) {
  let state: 'open' | 'closing' | 'brought back' | 'gone' = 'open'
  return {
    /** For the window's 'close' event. */
    onClose(event: { preventDefault(): void }) {
      if (state === 'gone') return
      event.preventDefault()
      if (state === 'closing') return
      const handing = state === 'brought back'
      state = 'closing'
      window.hide()
      // A hand-over already running (closed, brought back, closed again) ends this close too.
      if (handing) return
      void handOver()
        .catch((error: unknown) => console.error('Recall: the last backup before closing failed', error))
        .finally(() => {
          if (state === 'brought back') {
            state = 'open'
            return
          }
          state = 'gone'
          window.destroy()
          onGone()
        })
    },
    /** A second launch, or the dock icon: the window shows, whatever it was doing. */
    bringBack() {
      if (state === 'gone') return
      if (state === 'closing') state = 'brought back'
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
    },
    get closing() {
      return state === 'closing'
    }
  }
}
