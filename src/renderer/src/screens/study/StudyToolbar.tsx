import type { StudyCommand } from '@screens/study/study-keys'

const ITEMS: Array<{ label: string; keys: string; command: StudyCommand }> = [
  { label: 'Undo', keys: 'Ctrl+Z', command: { kind: 'undo' } },
  { label: 'Edit', keys: 'E', command: { kind: 'edit' } },
  { label: 'Bury', keys: '-', command: { kind: 'bury' } },
  { label: 'Suspend', keys: '@', command: { kind: 'suspend' } },
  { label: 'Flag', keys: 'Ctrl+1', command: { kind: 'flag', flag: 1 } },
  { label: 'Reset', keys: 'Ctrl+Alt+N', command: { kind: 'forget' } },
  { label: 'History', keys: 'I', command: { kind: 'info' } }
]

/** The study actions for mouse users, each labelled with its key. */
export function StudyToolbar({
  onCommand,
  canUndo,
  canEdit
}: {
  onCommand: (c: StudyCommand) => void
  canUndo: boolean
  canEdit: boolean
}) {
  return (
    <nav aria-label="Card actions" className="flex flex-wrap justify-center gap-2 text-sm">
      {ITEMS.filter((item) => canEdit || item.command.kind !== 'edit').map((item) => (
        <button
          key={item.label}
          type="button"
          disabled={item.command.kind === 'undo' && !canUndo}
          onClick={() => onCommand(item.command)}
          aria-keyshortcuts={item.keys.replace('Ctrl', 'Control')}
          className="rounded px-2 py-1 text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 disabled:opacity-40 dark:text-slate-300 dark:ring-slate-600 dark:hover:bg-slate-800"
        >
          {item.label} <kbd>{item.keys}</kbd>
        </button>
      ))}
    </nav>
  )
}
