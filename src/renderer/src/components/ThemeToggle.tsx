import { Alert } from '@components/Alert'
import type { ThemePreference } from '@core/model'
import { actions, useRecall } from '@store'

const CHOICES: Array<{ theme: ThemePreference; label: string; icon: string }> = [
  { theme: 'system', label: 'System', icon: '◐' },
  { theme: 'light', label: 'Light', icon: '☀' },
  { theme: 'dark', label: 'Dark', icon: '☾' }
]

/** Three toggle buttons, one pressed: plain Tab and Enter/Space, no custom key handling to learn. */
export function ThemeToggle() {
  const theme = useRecall((s) => s.preferences.theme)
  const error = useRecall((s) => s.preferences.error)
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Theme" className="inline-flex rounded-md p-0.5 ring-1 ring-slate-300 dark:ring-slate-600">
        {CHOICES.map((choice) => (
          <button
            key={choice.theme}
            type="button"
            aria-pressed={theme === choice.theme}
            title={`${choice.label} theme`}
            onClick={() => void actions().setTheme(choice.theme)}
            className="rounded px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 aria-pressed:bg-blue-100 aria-pressed:text-blue-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-pressed:bg-blue-900 dark:aria-pressed:text-blue-100"
          >
            {/* Icons keep the nav bar on one line; the word stays for screen readers and tooltips. */}
            <span aria-hidden="true">{choice.icon}</span>
            <span className="sr-only">{choice.label}</span>
          </button>
        ))}
      </div>
      {error && <Alert kind="inline">{error}</Alert>}
    </div>
  )
}
