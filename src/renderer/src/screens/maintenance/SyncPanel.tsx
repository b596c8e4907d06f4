import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { deviceRows, hereText, previewText, reportText, whenText } from '@screens/maintenance/sync-view'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

const panel = 'flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700'

/** Sync through a folder the person's sync app already shares (issue 24): link, status, Sync now, unlink. */
export function SyncPanel() {
  const sync = useRecall((s) => s.sync)
  const [confirmUnlink, setConfirmUnlink] = useState(false)
  const busy = sync.running || sync.link.step === 'reading' || sync.link.step === 'linking'
  return (
    <section aria-labelledby="sync-title" aria-busy={busy} className={panel} data-testid="sync-panel">
      <h2 id="sync-title" className="text-lg font-semibold">
        Sync
      </h2>
      <p id="sync-help" className="text-sm text-slate-600 dark:text-slate-300">
        Recall syncs your computers through a folder that a sync app you already use (Syncthing, Dropbox, iCloud Drive, OneDrive, Google
        Drive, Nextcloud) carries between them. Each computer writes only its own files there.
      </p>
      {!sync.available ? (
        <p data-testid="sync-unavailable">
          This browser cannot use a folder on your computer. Sync needs the Recall desktop app, or a Chromium-based browser (Chrome, Edge,
          Brave, Opera).
        </p>
      ) : !sync.loaded ? (
        <p>Reading the sync settings…</p>
      ) : sync.folder ? (
        <LinkedStatus confirmUnlink={confirmUnlink} setConfirmUnlink={setConfirmUnlink} />
      ) : (
        <LinkSteps />
      )}
      <div role="status" aria-live="polite" className="text-sm">
        {sync.running && <p>Syncing…</p>}
        {sync.link.step === 'reading' && <p>Reading the folder {sync.link.label}…</p>}
        {sync.link.step === 'linking' && <p>Linking this collection to {sync.link.label}…</p>}
      </div>
      {sync.error && <Alert>{sync.error}</Alert>}
    </section>
  )
}

function LinkSteps() {
  const link = useRecall((s) => s.sync.link)
  if (link.step !== 'preview')
    return (
      <div>
        <Button
          tone="primary"
          aria-describedby="sync-help"
          aria-disabled={link.step !== 'idle'}
          className="aria-disabled:opacity-50"
          onClick={() => link.step === 'idle' && void actions().chooseSyncFolder()}
        >
          Choose sync folder…
        </Button>
      </div>
    )
  const { headline, empty } = previewText(link.label, link.preview)
  return (
    <div className="flex flex-col gap-3" data-testid="sync-preview">
      <p className="font-medium">{headline}</p>
      {!empty && <p className="text-sm text-slate-600 dark:text-slate-300">{hereText(link.preview)}</p>}
      <div className="flex flex-wrap gap-2">
        {empty ? (
          <Button tone="primary" onClick={() => void actions().confirmSyncLink('merge')}>
            Share this collection
          </Button>
        ) : (
          <>
            <Button tone="primary" onClick={() => void actions().confirmSyncLink('merge')} aria-describedby="sync-merge-help">
              Merge both collections
            </Button>
            <Button onClick={() => void actions().confirmSyncLink('take-folder')} aria-describedby="sync-take-help">
              Use the folder&apos;s collection
            </Button>
          </>
        )}
        <Button onClick={() => actions().cancelSyncLink()}>Cancel</Button>
      </div>
      {!empty && (
        <ul className="list-disc ps-5 text-sm text-slate-600 dark:text-slate-300">
          <li id="sync-merge-help">Merge: both collections are kept, with every review of both.</li>
          <li id="sync-take-help">Use the folder&apos;s: this computer&apos;s collection is replaced by the folder&apos;s.</li>
        </ul>
      )}
    </div>
  )
}

function LinkedStatus({ confirmUnlink, setConfirmUnlink }: { confirmUnlink: boolean; setConfirmUnlink: (on: boolean) => void }) {
  const sync = useRecall((s) => s.sync)
  const now = useMinuteClock()
  const folder = sync.folder!
  const rows = sync.report ? deviceRows(sync.report.devices) : []
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Folder</dt>
        <dd data-testid="sync-folder" className="break-all">
          {folder.label}
        </dd>
        <dt className="font-medium">Last sync</dt>
        <dd data-testid="sync-last">{whenText(sync.lastSuccessAt, now)}</dd>
        {sync.report && (
          <>
            <dt className="font-medium">Last exchange</dt>
            <dd data-testid="sync-report">{reportText(sync.report)}</dd>
          </>
        )}
      </dl>
      {folder.needsPermission && (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm">The browser needs your permission again to use this folder.</p>
          <Button tone="primary" onClick={() => void actions().reconnectSync()}>
            Allow
          </Button>
        </div>
      )}
      {rows.length > 0 && (
        <table className="text-left text-sm">
          <caption className="sr-only">Devices in the sync folder</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Segments</th>
              <th scope="col">Waiting</th>
              <th scope="col">Last exchange</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="font-normal">
                  {row.name}
                </th>
                <td>{row.segments}</td>
                <td>{row.waiting}</td>
                <td>{whenText(row.lastExchange, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sync.report && sync.report.notices.length > 0 && (
        <ul className="list-disc ps-5 text-sm text-amber-900 dark:text-amber-200" aria-label="Files left alone">
          {sync.report.notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          tone="primary"
          aria-disabled={sync.running}
          className="aria-disabled:opacity-50"
          title="Sync now (Ctrl+Shift+Y)"
          aria-keyshortcuts="Control+Shift+Y"
          onClick={() => void actions().runSync('now')}
        >
          {sync.running ? 'Syncing…' : 'Sync now'}
        </Button>
        {!confirmUnlink && <Button onClick={() => setConfirmUnlink(true)}>Unlink…</Button>}
      </div>
      {confirmUnlink && (
        <div
          role="group"
          aria-labelledby="sync-unlink-question"
          className="flex flex-col gap-2 rounded-md bg-slate-100 p-3 dark:bg-slate-900"
        >
          <p id="sync-unlink-question">
            Stop syncing this computer with {folder.label}? The folder&apos;s files stay where they are, and so does this collection.
          </p>
          <div className="flex gap-2">
            <FocusedButton
              onClick={() => {
                setConfirmUnlink(false)
                void actions().unlinkSync()
              }}
            >
              Unlink
            </FocusedButton>
            <Button onClick={() => setConfirmUnlink(false)}>Keep syncing</Button>
          </div>
        </div>
      )}
    </div>
  )
}

/** The confirmation's first button takes the focus, which the "Unlink…" button it replaces had. */
function FocusedButton({ onClick, children }: { onClick: () => void; children: string }) {
  const ref = useRef<HTMLSpanElement>(null)
  useEffect(() => ref.current?.querySelector('button')?.focus(), [])
  return (
    <span ref={ref}>
      <Button tone="primary" onClick={onClick}>
        {children}
      </Button>
    </span>
  )
}

/** The time now, for "5 minutes ago", read once a minute (and at each exchange's end, when the report changes). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  const lastSync = useRecall((s) => s.sync.report?.at)
  useEffect(() => {
    const tick = () => setNow(Date.now())
    tick()
    const timer = setInterval(tick, 60_000)
    return () => clearInterval(timer)
  }, [lastSync])
  return now
}
