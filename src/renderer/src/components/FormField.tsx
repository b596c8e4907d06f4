import { Alert } from '@components/Alert'
import type { ReactNode } from 'react'

/** Every text input and select of the app's forms. */
export const inputClass =
  'rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 aria-invalid:ring-2 aria-invalid:ring-red-500 disabled:opacity-50 dark:bg-slate-900 dark:ring-slate-600'

/** A labelled form field with its hint and, when invalid, its error right under it. */
export function FormField({
  id,
  label,
  hint,
  error,
  children
}: {
  id: string
  label: string
  hint?: string
  error?: string
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <Alert kind="inline" id={`${id}-error`}>
          {error}
        </Alert>
      )}
    </div>
  )
}
