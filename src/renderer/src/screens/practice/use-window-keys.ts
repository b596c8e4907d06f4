import { useEffect, useLayoutEffect, useRef } from 'react'

export interface PracticeKey {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

/**
 * Window-wide keys for a practice view; `handle` returns true for a key it used. Keys typed into
 * a field or a dialog are left alone, and so are Enter and Space on a focused button or link:
 * those press the button itself, which the views make do the same thing as the key.
 *
 * The listener stays for the view's life and reads `handle` and `enabled` as of the last render,
 * so a key pressed right after `enabled` turns back on (a dialog just closed) is never missed:
 * re-adding the listener in an effect would leave a gap until the effect ran.
 */
export function useWindowKeys(handle: (press: PracticeKey) => boolean, enabled = true) {
  const latest = useRef<typeof handle | null>(handle)
  // Updated as part of every commit, before the browser handles the next key.
  useLayoutEffect(() => {
    latest.current = enabled ? handle : null
  })
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!latest.current) return
      if (event.repeat || event.defaultPrevented) return
      const target = event.target instanceof HTMLElement ? event.target : null
      if (target?.closest('input, textarea, select, dialog, [contenteditable="true"]')) return
      const modified = event.ctrlKey || event.metaKey
      if (!modified && (event.key === 'Enter' || event.key === ' ') && target?.closest('button, a[href], summary')) return
      if (latest.current(event)) event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

/** 1–8 or A–H (any case) to an option index below `optionCount`; null for other keys or with a modifier held. */
export function optionIndexForKey(press: PracticeKey, optionCount: number): number | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  const digit = /^[1-9]$/.test(press.key) ? Number(press.key) - 1 : -1
  const letter = LETTERS.indexOf(press.key.toLowerCase())
  const index = digit >= 0 ? digit : letter
  return index >= 0 && index < optionCount ? index : null
}

export const plainKey = (press: PracticeKey) => !press.ctrlKey && !press.metaKey && !press.altKey
