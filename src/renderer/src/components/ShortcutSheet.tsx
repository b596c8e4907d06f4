import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { MAC_NOTE, SHORTCUT_GROUPS, type Shortcut } from '@components/shortcut-list'
import { actions, useRecall } from '@store'
import { Fragment } from 'react'

const kbdClass =
  'rounded border border-slate-300 bg-slate-100 px-1 font-mono text-xs text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100'

/** "Ctrl+Alt+N" as three keycaps; alternatives joined by "or". */
export function ShortcutKeys({ keys }: { keys: Shortcut['keys'] }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {keys.map((chord, i) => (
        <Fragment key={chord}>
          {i > 0 && <span className="text-sm text-slate-600 dark:text-slate-300">or</span>}
          <kbd className="inline-flex items-center gap-0.5">
            {/* "+" alone is a key; only a "+" between two keys joins them. */}
            {chord.split(/(?<=.)\+(?=.)/).map((key, j) => (
              <Fragment key={j}>
                {j > 0 && '+'}
                <kbd className={kbdClass}>{key}</kbd>
              </Fragment>
            ))}
          </kbd>
        </Fragment>
      ))}
    </span>
  )
}

/** One shortcut as a row of a <dl>: keys in a column wide enough for "Ctrl+Alt+N", then what they do. */
export function ShortcutRow({ shortcut }: { shortcut: Shortcut }) {
  return (
    <div className="grid grid-cols-[8.5rem_1fr] items-baseline gap-x-3">
      <dt>
        <ShortcutKeys keys={shortcut.keys} />
      </dt>
      <dd>{shortcut.does}</dd>
    </div>
  )
}

/** Every keyboard shortcut, grouped by screen; "?" (ShortcutSheetButton.tsx) opens it from anywhere. */
export function ShortcutSheet() {
  const open = useRecall((s) => s.shortcutSheetOpen)
  if (!open) return null
  const close = () => actions().closeShortcutSheet()
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} width="max-w-4xl" testId="shortcut-sheet">
      <div className="gap-8 md:columns-2">
        {SHORTCUT_GROUPS.map((group, i) => (
          // An id without spaces: aria-labelledby is a list of ids separated by spaces.
          <section key={group.title} aria-labelledby={`keys-group-${i}`} className="mb-5 break-inside-avoid">
            <h3 id={`keys-group-${i}`} className="mb-2 font-semibold text-slate-700 dark:text-slate-200">
              {group.title}
            </h3>
            <dl className="flex flex-col gap-1.5 text-sm text-slate-700 dark:text-slate-300">
              {group.shortcuts.map((shortcut) => (
                <ShortcutRow key={shortcut.does} shortcut={shortcut} />
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{MAC_NOTE}</p>
      <div className="mt-4 flex justify-end">
        <Button tone="primary" onClick={close}>
          Close
        </Button>
      </div>
    </Dialog>
  )
}
