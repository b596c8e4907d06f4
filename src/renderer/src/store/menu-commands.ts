import type { Platform } from '@platform/platform'
import type { MenuCommand } from '@shared/ipc'
import type { RecallState } from '@store'

/**
 * What each item of the desktop menu bar does in the page: the same store actions as the top
 * bar's links and the page's own shortcuts, so a menu click and a click in the page agree.
 */
function runMenuCommand(command: MenuCommand, state: RecallState, pickDeckFile: () => void): void {
  const handlers: Record<MenuCommand, () => unknown> = {
    'import-deck': pickDeckFile,
    'open-backups': () => state.openBackups(),
    'theme-light': () => state.setTheme('light'),
    'theme-dark': () => state.setTheme('dark'),
    'theme-system': () => state.setTheme('system'),
    'go-decks': () => state.goTo({ name: 'decks' }),
    'go-browse': () => state.openBrowse(),
    'go-stats': () => state.openStats(),
    'go-practice': () => state.openPractice(),
    'go-exam-plan': () => state.openExamPlan(),
    'show-shortcuts': () => state.openShortcutSheet(),
    'sync-now': () => state.runSync('now')
  }
  void handlers[command]()
}

/** Wired once at start; the web build has no menu bar, so nothing happens there. */
export function listenToMenuCommands(platform: Platform, getState: () => RecallState, pickDeckFile: () => void): () => void {
  return platform.onMenuCommand?.((command) => runMenuCommand(command, getState(), pickDeckFile)) ?? (() => undefined)
}
