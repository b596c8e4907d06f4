import type { MenuCommand } from '@shared/ipc'
import { createRecallStore } from '@store'
import { listenToMenuCommands } from '@store/menu-commands'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

describe('menu bar commands in the page', () => {
  it('switch screens, theme and dialogs as the page’s own controls do', async () => {
    let relay: (command: MenuCommand) => void = () => undefined
    const platform = fakePlatform(
      { decks: [makeDeck('d', makeCards(3))], problems: [] },
      { onMenuCommand: (listener) => ((relay = listener), () => undefined) }
    )
    const store = createRecallStore({ db: freshDatabase(), platform, now: () => new Date(2026, 5, 1, 9).getTime() })
    let picked = 0
    listenToMenuCommands(platform, store.getState, () => picked++)
    relay('go-stats')
    expect(store.getState().screen.name).toBe('stats')
    relay('theme-dark')
    expect(store.getState().preferences.theme).toBe('dark')
    relay('show-shortcuts')
    expect(store.getState().shortcutSheetOpen).toBe(true)
    relay('open-backups')
    expect(store.getState().backups.open).toBe(true)
    relay('import-deck')
    expect(picked).toBe(1)
    relay('go-decks')
    expect(store.getState().screen.name).toBe('decks')
  })
})
