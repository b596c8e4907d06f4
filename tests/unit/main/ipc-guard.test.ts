import { guardIpcMethod } from '@main/ipc-guard'
import { isTrustedSenderUrl } from '@main/trusted-sender'
import type { DeckLibrary } from '@shared/ipc'
import { describe, expect, it } from 'vitest'

const library: DeckLibrary = { decks: [], problems: [] }
const trusted = (url: string | undefined) => isTrustedSenderUrl(url, { appPageUrl: 'app://recall/index.html' })

function guardedListDecks() {
  let calls = 0
  const guarded = guardIpcMethod(
    'listDecks',
    async () => {
      calls++
      return library
    },
    trusted
  )
  return { guarded, calls: () => calls }
}

describe('guardIpcMethod', () => {
  it('runs the handler for our page with valid arguments', async () => {
    const { guarded, calls } = guardedListDecks()
    await expect(guarded({ url: 'app://recall/index.html', isMainFrame: true }, [])).resolves.toBe(library)
    expect(calls()).toBe(1)
  })

  it('refuses other pages, subframes and vanished frames before doing anything', async () => {
    const { guarded, calls } = guardedListDecks()
    await expect(guarded({ url: 'https://evil.example/', isMainFrame: true }, [])).rejects.toThrow(
      "refused listDecks: the request did not come from Recall's own page"
    )
    await expect(guarded({ url: 'app://recall/index.html', isMainFrame: false }, [])).rejects.toThrow(/did not come from Recall's own page/)
    await expect(guarded(null, [])).rejects.toThrow(/did not come from Recall's own page/)
    expect(calls()).toBe(0)
  })

  it('refuses arguments the method does not take', async () => {
    const { guarded, calls } = guardedListDecks()
    await expect(guarded({ url: 'app://recall/index.html', isMainFrame: true }, ['../../etc'])).rejects.toThrow(
      /^refused listDecks: invalid arguments for listDecks/
    )
    expect(calls()).toBe(0)
  })
})
