import type { MenuCommand } from '@shared/ipc'
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuOptions {
  /** Developer tools are offered only in development, never in a packaged app. */
  isPackaged: boolean
}

/**
 * The application menu. Items that act in the page send a MenuCommand over one channel; the
 * page decides what it means. Everything else is an Electron role, so it behaves as on the
 * platform (Edit roles act on the focused text field; the study screen's own Ctrl+Z still
 * reaches the page, because the page handles it first and prevents the default).
 */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  send: (command: MenuCommand) => void,
  { isPackaged }: MenuOptions = { isPackaged: true }
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const command = (label: string, name: MenuCommand, extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions => ({
    label,
    click: () => send(name),
    ...extra
  })

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Recall',
          submenu: [
            { role: 'about', label: 'About Recall' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' }
          ]
        }
      ]
    : []

  return [
    ...appMenu,
    {
      label: '&File',
      submenu: [
        // The page also listens for this shortcut; it handles the key first and prevents the
        // default, so one press never opens two file pickers.
        command('Import deck…', 'import-deck', { accelerator: 'CmdOrCtrl+Shift+I' }),
        command('Backups and export…', 'open-backups'),
        // The page listens for this shortcut too (the browser has no menu); one exchange runs at a time.
        command('Sync now', 'sync-now', { accelerator: 'CmdOrCtrl+Shift+Y' }),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [command('Light', 'theme-light'), command('Dark', 'theme-dark'), command('Follow system', 'theme-system')]
        },
        { role: 'togglefullscreen' },
        // Ctrl+Shift+I is Import deck here, so the developer tools move to F12 off macOS.
        ...(isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools', ...(mac ? {} : { accelerator: 'F12' }) } as const])
      ]
    },
    {
      label: '&Study',
      submenu: [
        command('Decks', 'go-decks'),
        command('Browse', 'go-browse'),
        command('Statistics', 'go-stats'),
        command('Practice', 'go-practice'),
        command('Exam plan', 'go-exam-plan')
      ]
    },
    {
      role: 'help',
      label: '&Help',
      submenu: [
        // '?' is shown, never registered: as a real accelerator it would swallow every '?' typed
        // into a text field. The page opens the sheet on '?' itself. macOS would take a bare key
        // equivalent before the page, so it gets no shortcut text at all.
        command('Keyboard shortcuts', 'show-shortcuts', mac ? {} : { accelerator: '?', registerAccelerator: false }),
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about', label: 'About Recall' } as const])
      ]
    }
  ]
}
