import { focusScreenHeading } from '@components/focus-screen-heading'
import { ShortcutSheetButton } from '@components/ShortcutSheetButton'
import { ThemeToggle } from '@components/ThemeToggle'
import { actions, useRecall } from '@store'
import type { Screen } from '@store/navigation-slice'
import { useRef } from 'react'

type NavName = Exclude<Screen['name'], 'study' | 'options'>

// One entry per top-level screen; each screen's folder under screens/ adds its own line here.
// `warm`: what the screen can start when the person is about to open it (pointer over, or focus).
const ITEMS: Array<{ name: NavName; label: string; open: () => void; warm?: () => void }> = [
  { name: 'decks', label: 'Decks', open: () => actions().goTo({ name: 'decks' }) },
  { name: 'browse', label: 'Browse', open: () => void actions().openBrowse() },
  { name: 'add', label: 'Add', open: () => void actions().openAdd() },
  { name: 'practice', label: 'Practice', open: () => void actions().openPractice() },
  { name: 'stats', label: 'Statistics', open: () => void actions().openStats(), warm: () => actions().warmStatistics() },
  { name: 'exam-plan', label: 'Exam plan', open: () => void actions().openExamPlan(), warm: () => actions().warmExamPlan() },
  { name: 'tools', label: 'Tools', open: () => actions().goTo({ name: 'tools' }) }
]

/**
 * The top bar: the app's name and its main screens, as links with the current one marked.
 * Choosing a screen takes focus to its heading, as following a link would.
 */
export function AppNav() {
  const current = useRecall((s) => s.screen.name)
  const nav = useRef<HTMLElement>(null)
  return (
    <nav
      ref={nav}
      aria-label="Main"
      className="layout-wide mb-6 flex flex-wrap items-center gap-1 border-b border-slate-200 pb-3 dark:border-slate-700"
    >
      <span className="me-4 text-lg font-bold text-blue-700 dark:text-blue-300">Recall</span>
      {ITEMS.map((item) => (
        <button
          key={item.name}
          type="button"
          aria-current={current === item.name ? 'page' : undefined}
          onPointerEnter={item.warm}
          onFocus={item.warm}
          onClick={() => {
            item.open()
            if (nav.current) focusScreenHeading(nav.current, current === item.name)
          }}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 aria-[current=page]:bg-blue-100 aria-[current=page]:text-blue-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-900 dark:aria-[current=page]:text-blue-100"
        >
          {item.label}
        </button>
      ))}
      <div className="ms-auto flex flex-wrap items-center gap-2">
        <ShortcutSheetButton />
        <ThemeToggle />
      </div>
    </nav>
  )
}
