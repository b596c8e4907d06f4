import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { ReminderSettings } from '@components/ReminderSettings'
import { CheckMediaPanel } from '@screens/maintenance/CheckMediaPanel'
import { summariseCheck } from '@screens/maintenance/check-summary'
import { SyncPanel } from '@screens/maintenance/SyncPanel'
import { actions, useRecall } from '@store'

/** Maintenance of the collection. Loaded on demand: it is rarely opened. */
export default function ToolsScreen() {
  const check = useRecall((s) => s.collectionCheck)
  const running = check.status === 'running'
  const summary = check.report && summariseCheck(check.report)
  return (
    <main className="flex flex-col gap-6" aria-labelledby="tools-title">
      <h1 id="tools-title" className="text-2xl font-bold">
        Tools
      </h1>
      <section
        aria-labelledby="check-title"
        aria-busy={running}
        className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      >
        <h2 id="check-title" className="text-lg font-semibold">
          Check collection
        </h2>
        <p id="check-help" className="text-sm text-slate-600 dark:text-slate-300">
          Looks for cards whose deck is missing, impossible scheduling values, cards in the wrong study list, and review counts that
          disagree with the review history, and mends them all in one step, so a failure changes nothing. Your review history is never
          deleted.
        </p>
        <div>
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-check. The action ignores repeats. */}
          <Button
            tone="primary"
            onClick={() => void actions().checkCollection()}
            aria-disabled={running}
            aria-describedby="check-help"
            className="aria-disabled:opacity-50"
          >
            {running ? 'Checking…' : 'Check collection'}
          </Button>
        </div>
        <div role="status" aria-live="polite" data-testid="check-result" className="text-sm">
          {running && <p>Checking every card and review…</p>}
          {summary && !running && (
            <>
              <p className="font-medium">{summary.headline}</p>
              {summary.repairs.length > 0 && (
                <ul className="mt-1 list-disc ps-5">
                  {summary.repairs.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
              {summary.notes.map((line) => (
                <p key={line} className="mt-1 text-slate-600 dark:text-slate-300">
                  {line}
                </p>
              ))}
            </>
          )}
        </div>
        {check.status === 'failed' && <Alert>{check.error}</Alert>}
      </section>
      <SyncPanel />
      <CheckMediaPanel />
      <ReminderSettings />
    </main>
  )
}
