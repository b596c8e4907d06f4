import { useEffect, useId, useRef, type ReactNode } from 'react'

interface DialogProps {
  title: ReactNode
  /** Called when the dialog should go away: Escape, or a button inside calling it. */
  onClose: () => void
  children: ReactNode
  /** Tailwind max-width class for the panel. */
  width?: string
  /**
   * Where focus goes when the dialog unmounts; by default the element that had it when the
   * dialog opened (the button or the page a key was pressed on).
   */
  returnFocus?: () => HTMLElement | null | undefined
  testId?: string
}

/**
 * A modal dialog on the native <dialog>: showModal() makes the page behind it inert, traps Tab and
 * turns Escape into a cancel, so none of that is re-implemented here; Escape calls onClose in the
 * same task as the key press. The first element marked
 * `data-autofocus` takes the focus (React's autoFocus runs before the dialog is shown, when
 * nothing inside can be focused yet); without one the dialog itself does, so a screen reader reads
 * its title and a long dialog opens at its top rather than scrolled to its first button.
 */
export function Dialog({ title, onClose, children, width = 'max-w-xl', returnFocus, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  // Read at unmount, so the latest callback decides even if it changed while open.
  const returnFocusRef = useRef(returnFocus)
  const closedOnCancel = useRef(false)
  useEffect(() => {
    returnFocusRef.current = returnFocus
  })

  useEffect(() => {
    const dialog = ref.current!
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const chosen = dialog.querySelector<HTMLElement>('[data-autofocus]')
    ;(chosen ?? dialog).focus()
    // showModal() itself focused the first button and scrolled to it (the shortcut sheet's Close,
    // at the bottom): back to the top, where the title is.
    if (!chosen) dialog.scrollTop = 0
    return () => {
      const target = returnFocusRef.current?.() ?? opener
      if (target?.isConnected) target.focus()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      tabIndex={-1}
      onCancel={(event) => {
        // Escape. Left to the browser, the dialog shuts after this event but `close` (and so
        // onClose) comes only a task later: a key pressed in between would reach a screen that
        // still thinks the dialog is open, and ignore it. So it is shut here (which gives the focus
        // back to where it was), onClose runs in this same task, and the `close` event that
        // follows is not passed on again.
        event.preventDefault()
        closedOnCancel.current = true
        event.currentTarget.close()
        onClose()
      }}
      onClose={() => {
        if (closedOnCancel.current) closedOnCancel.current = false
        else onClose()
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] overflow-y-auto rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 outline-none dark:bg-slate-800 dark:text-slate-100 ${width}`}
    >
      <h2 id={titleId} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
