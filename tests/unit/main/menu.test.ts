import { buildMenuTemplate } from '@main/menu'
import { MENU_COMMANDS, type MenuCommand } from '@shared/ipc'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'

type Item = MenuItemConstructorOptions

function flatten(items: Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])
}

function menu(platform: NodeJS.Platform, isPackaged = true) {
  const sent: MenuCommand[] = []
  const template = buildMenuTemplate(platform, (command) => sent.push(command), { isPackaged })
  const find = (label: string) => flatten(template).find((item) => item.label === label)
  const click = (label: string) => (find(label)!.click as () => void)()
  return {
    template,
    sent,
    find,
    click,
    roles: flatten(template)
      .map((item) => item.role)
      .filter(Boolean)
  }
}

describe('the application menu', () => {
  it('has the usual macOS app menu only on macOS', () => {
    expect(menu('darwin').template.map((m) => m.label)).toEqual(['Recall', '&File', '&Edit', '&View', '&Study', '&Help'])
    expect(menu('darwin').template[0]!.submenu).toEqual(expect.arrayContaining([{ role: 'hide' }, { role: 'quit' }]))
    expect(menu('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Study', '&Help'])
    expect(menu('win32').roles).toContain('quit')
  })

  it('sends each page command once, and every known command has a menu item', () => {
    const { template, sent } = menu('linux')
    for (const item of flatten(template)) if (item.click) (item.click as () => void)()
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort())
  })

  it('imports a deck with Ctrl/Cmd+Shift+I and opens the backups from File', () => {
    const m = menu('win32')
    expect(m.find('Import deck…')!.accelerator).toBe('CmdOrCtrl+Shift+I')
    m.click('Import deck…')
    m.click('Backups and export…')
    m.click('Statistics')
    m.click('Dark')
    expect(m.sent).toEqual(['import-deck', 'open-backups', 'go-stats', 'theme-dark'])
  })

  it('offers standard edit, zoom and full-screen roles', () => {
    expect(menu('linux').roles).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
        'about'
      ])
    )
  })

  it('offers developer tools only in development, away from the import shortcut', () => {
    expect(menu('linux', true).roles).not.toContain('toggleDevTools')
    const devTools = flatten(menu('linux', false).template).find((item) => item.role === 'toggleDevTools')!
    expect(devTools.accelerator).toBe('F12')
  })

  it('shows "?" for the shortcut sheet without taking the key from text fields', () => {
    expect(menu('linux').find('Keyboard shortcuts')).toMatchObject({ accelerator: '?', registerAccelerator: false })
    expect(menu('darwin').find('Keyboard shortcuts')!.accelerator).toBeUndefined()
  })
})
