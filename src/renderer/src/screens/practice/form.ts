/** Field and section styles shared by the practice forms, matching the deck options screen. */
export const inputClass =
  'rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 focus-visible:outline-2 focus-visible:outline-blue-500 aria-invalid:ring-red-500 dark:bg-slate-900 dark:ring-slate-600'

export const panelClass = 'flex flex-col gap-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700'

export const hintClass = 'text-sm text-slate-600 dark:text-slate-400'
