/** Section styles shared by the practice forms; their inputs use the app's own (components/FormField). */
export { inputClass } from '@components/FormField'

export const panelClass =
  'flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700'

export const hintClass = 'text-sm text-slate-600 dark:text-slate-400'
