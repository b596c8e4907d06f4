import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { actions, useRecall } from '@store'

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} kB`

/** Backups: the automatic ones (desktop, or browser storage), a copy to a file, and restoring either, after a confirmation. */
export function BackupsDialog() {
  const backups = useRecall((s) => s.backups)
  const { automatic, inBrowser } = backups
  if (!backups.open) return null
  const pick = () => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.recall-backup'
    input.onchange = () => input.files?.[0] && actions().askRestore({ upload: input.files[0] })
    input.click()
  }

  return (
    <Dialog title="Backups" onClose={() => actions().closeBackups()} width="max-w-2xl" testId="backups">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {!automatic
          ? 'This browser cannot keep automatic backups: keep your progress safe by saving a backup file now and then.'
          : inBrowser
            ? "Recall backs up your whole collection in this browser every 30 minutes while you study and when you leave its tab, keeping 12 daily, 10 weekly and 9 monthly copies. Clearing this site's data deletes them too, so save a backup file now and then."
            : 'Recall backs up your whole collection every 30 minutes while you study and when you quit, keeping 12 daily, 10 weekly and 9 monthly copies.'}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {automatic && (
          <Button onClick={() => void actions().backupNow()} disabled={backups.busy}>
            Back up now
          </Button>
        )}
        <Button data-autofocus onClick={() => void actions().exportBackupFile()} disabled={backups.busy}>
          Save a backup file…
        </Button>
        <Button onClick={() => void actions().exportAnkiPackage()} disabled={backups.busy}>
          Export all decks to Anki (.apkg)…
        </Button>
        <Button onClick={pick} disabled={backups.busy}>
          Restore from a file…
        </Button>
      </div>
      {automatic && (
        <table className="mt-4 w-full text-sm tabular-nums">
          <caption className="text-left font-medium">Automatic backups</caption>
          <thead>
            <tr className="text-left">
              <th scope="col">Date</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.list.length === 0 && (
              <tr>
                <td colSpan={3}>No backup yet.</td>
              </tr>
            )}
            {backups.list.map((b) => (
              <tr key={b.file} className="border-t border-slate-200 dark:border-slate-700">
                <td className="py-1">{new Date(b.date).toLocaleString()}</td>
                <td>{kb(b.size)}</td>
                <td className="text-right">
                  <Button
                    onClick={() => actions().askRestore({ file: b.file })}
                    disabled={backups.busy}
                    aria-label={`Restore the backup of ${new Date(b.date).toLocaleString()}`}
                  >
                    Restore
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {backups.pending && (
        <div
          role="alertdialog"
          aria-label="Confirm restore"
          className="mt-4 rounded-md bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          <p>
            Replace your whole collection with {backups.pending.label}?{' '}
            {automatic
              ? 'Recall first backs up the collection as it is now, so you can go back.'
              : 'Save a backup file of your current collection first if you may want it back.'}
          </p>
          <div className="mt-2 flex gap-2">
            <Button onClick={() => actions().cancelRestore()}>Cancel</Button>
            <Button tone="primary" data-autofocus onClick={() => void actions().confirmRestore()}>
              Restore
            </Button>
          </div>
        </div>
      )}
      <p role="status" className={`mt-3 min-h-5 text-sm ${backups.failed ? 'text-red-800 dark:text-red-300' : ''}`}>
        {backups.busy ? 'Working…' : backups.message}
      </p>
      <div className="flex justify-end">
        <Button tone="primary" onClick={() => actions().closeBackups()}>
          Close
        </Button>
      </div>
    </Dialog>
  )
}
