import type { ReactNode } from 'react'

const styles = {
  /** A box of its own above the content: something failed. */
  banner: 'rounded-md bg-red-100 p-3 text-red-900 dark:bg-red-950 dark:text-red-100',
  /** A line beside the thing it is about: a field, a dialog's action. */
  inline: 'text-sm text-red-700 dark:text-red-300',
  /** Worth knowing, nothing failed. */
  warning: 'text-sm text-amber-900 dark:text-amber-200'
}

/** What went wrong, announced to screen readers as it appears. */
export function Alert({
  kind = 'banner',
  id,
  className = '',
  children
}: {
  kind?: keyof typeof styles
  id?: string
  className?: string
  children: ReactNode
}) {
  return (
    <p id={id} role="alert" className={`${styles[kind]} ${className}`}>
      {children}
    </p>
  )
}
