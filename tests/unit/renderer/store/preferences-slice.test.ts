import type { RecallDatabase } from '@db/database'
import type { Preferences } from '@db/preferences-repository'
import type { Platform } from '@platform/platform'
import { createRecallStore } from '@store'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const platform: Platform = fakePlatform({ decks: [makeDeck('a', makeCards(3))], problems: [] })

/** One start of the app on `db`, with what its localStorage copy remembered. */
async function start(db: RecallDatabase, remembered: Partial<Preferences> = {}) {
  const store = createRecallStore({ db, platform, now: () => new Date(2026, 6, 1, 10, 0).getTime() })
  await store.getState().loadPreferences(remembered)
  return () => store.getState()
}

describe('preferences', () => {
  it('greets a new collection once: after the welcome is closed, the next start does not show it', async () => {
    const db = freshDatabase()
    const first = await start(db)
    expect(first().preferences).toMatchObject({ loaded: true, welcomeSeen: false, theme: 'system' })
    await first().dismissWelcome()
    expect(first().preferences.welcomeSeen).toBe(true)

    const second = await start(db)
    expect(second().preferences.welcomeSeen).toBe(true)
  })

  it('keeps the welcome closed when only the window remembers it was read, and records that in the table', async () => {
    const db = freshDatabase()
    const state = await start(db, { welcomeSeen: true })
    expect(state().preferences.welcomeSeen).toBe(true)
    expect(await db.settings.get('welcomeSeen')).toEqual({ key: 'welcomeSeen', value: true })
  })

  it('saves the theme in the settings table, which wins over the first-paint copy', async () => {
    const db = freshDatabase()
    const first = await start(db)
    await first().setTheme('dark')
    expect(first().preferences.theme).toBe('dark')

    const second = await start(db, { theme: 'light' })
    expect(second().preferences.theme).toBe('dark')
  })

  it('shows the remembered theme at once, before the table answers', async () => {
    const db = freshDatabase()
    await (await start(db))().setTheme('light')
    const store = createRecallStore({ db, platform, now: () => 0 })
    const loading = store.getState().loadPreferences({ theme: 'dark' })
    expect(store.getState().preferences).toMatchObject({ theme: 'dark', loaded: false })
    await loading
    expect(store.getState().preferences).toMatchObject({ theme: 'light', loaded: true })
  })

  it('falls back to the system theme when the stored value is not a theme', async () => {
    const db = freshDatabase()
    await db.settings.put({ key: 'theme', value: 'sepia' })
    const state = await start(db)
    expect(state().preferences.theme).toBe('system')
  })

  it('still switches the theme when it cannot be saved, and says so', async () => {
    const db = freshDatabase()
    const state = await start(db)
    db.close()
    await state().setTheme('dark')
    expect(state().preferences.theme).toBe('dark')
    expect(state().preferences.error).toMatch(/^The theme applies now but could not be saved \(.+\)\.$/)
  })

  it('does not greet someone whose settings cannot be read', async () => {
    const db = freshDatabase()
    db.close()
    const state = await start(db)
    expect(state().preferences).toMatchObject({ loaded: true, welcomeSeen: true })
    expect(state().preferences.error).toMatch(/^Could not read your preferences/)
  })

  it('opens and closes the shortcut sheet', async () => {
    const state = await start(freshDatabase())
    expect(state().shortcutSheetOpen).toBe(false)
    state().openShortcutSheet()
    expect(state().shortcutSheetOpen).toBe(true)
    state().closeShortcutSheet()
    expect(state().shortcutSheetOpen).toBe(false)
  })
})
