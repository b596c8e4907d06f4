import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { plural } from '@core/format'
import { actions, useRecall } from '@store'

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${bytes} B`

/** Anki's Check media: the images and sounds nothing uses (to delete) and the names no file answers. */
export function CheckMediaPanel() {
  const check = useRecall((s) => s.mediaCheck)
  const running = check.status === 'running'
  const report = check.report
  const unusedBytes = report?.unused.reduce((n, u) => n + u.size, 0) ?? 0
  return (
    <section
      aria-labelledby="media-title"
      aria-busy={running}
      className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
    >
      <h2 id="media-title" className="text-lg font-semibold">
        Check media
      </h2>
      <p id="media-help" className="text-sm text-slate-600 dark:text-slate-300">
        Lists the images and sounds that no card uses any more, so that you can delete them, and the files that cards name but the
        collection does not have (those cards show the name in a dashed box).
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          tone="primary"
          onClick={() => void actions().checkMedia()}
          aria-disabled={running}
          aria-describedby="media-help"
          className="aria-disabled:opacity-50"
        >
          {running ? 'Checking…' : 'Check media'}
        </Button>
        {report && report.unused.length > 0 && (
          <Button onClick={() => void actions().deleteUnusedMedia()} aria-disabled={running} className="aria-disabled:opacity-50">
            Delete {plural(report.unused.length, 'unused file')}
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite" data-testid="media-result" className="text-sm">
        {check.message && <p className="font-medium">{check.message}</p>}
        {report && !running && (
          <>
            <p>
              {plural(report.files, 'file')} in the collection ({size(report.bytes)}); {plural(report.unused.length, 'unused file')}
              {report.unused.length > 0 ? ` (${size(unusedBytes)})` : ''}, {plural(report.missing.length, 'missing file')}.
            </p>
            {report.unused.length > 0 && (
              <details className="mt-1">
                <summary>Unused</summary>
                <ul className="list-disc ps-5 font-mono">
                  {report.unused.slice(0, 200).map((u) => (
                    <li key={u.name}>{u.name}</li>
                  ))}
                </ul>
              </details>
            )}
            {report.missing.length > 0 && (
              <details className="mt-1">
                <summary>Missing</summary>
                <ul className="list-disc ps-5">
                  {report.missing.slice(0, 200).map((m) => (
                    <li key={m.name}>
                      <span className="font-mono">{m.name}</span> — named by {plural(m.notes, 'note')}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </div>
      {check.status === 'failed' && <Alert>{check.message}</Alert>}
    </section>
  )
}
