import { BACKUP_REQUEST_CHANNEL, channelOf, MENU_COMMAND_CHANNEL, OPTIMIZER_PROGRESS_CHANNEL, RECALL_METHODS } from '@shared/ipc'
import { describe, expect, it, vi } from 'vitest'

// The preload runs only inside Electron; here it is loaded against a stand-in that records what it
// exposes and what it sends, so the wiring it derives from the contract can be checked.
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, (event: unknown, payload: unknown) => void>()
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args)
      return Promise.resolve('reply')
    },
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => fake.listeners.set(channel, listener),
    removeListener: (channel: string) => fake.listeners.delete(channel)
  }
}))

describe('the preload', () => {
  it('exposes one function per method of the contract, each invoking its own channel with its arguments only', async () => {
    await import('../../../src/preload/index')
    const api = fake.exposed.get('api') as Record<string, (...args: unknown[]) => Promise<unknown>>
    expect(Object.keys(api).sort()).toEqual(
      [...RECALL_METHODS, 'onBackupRequest', 'onMenuCommand', 'onOptimizerProgress', 'onSyncBeforeQuit', 'onSyncFolderChange'].sort()
    )
    for (const method of RECALL_METHODS) {
      fake.invoked.length = 0
      await expect(api[method]!('a', 2)).resolves.toBe('reply')
      expect(fake.invoked).toEqual([[channelOf(method), 'a', 2]])
    }
  })

  it('passes on only a known menu command and a string request id, never the IPC event', async () => {
    await import('../../../src/preload/index')
    const api = fake.exposed.get('api') as Record<string, (listener: (value: unknown) => void) => () => void>
    const commands: unknown[] = []
    const requests: unknown[] = []
    const stopCommands = api.onMenuCommand!((c) => commands.push(c))
    api.onBackupRequest!((r) => requests.push(r))
    const event = { sender: 'the IPC event' }
    fake.listeners.get(MENU_COMMAND_CHANNEL)!(event, 'go-stats')
    fake.listeners.get(MENU_COMMAND_CHANNEL)!(event, 'rm -rf')
    fake.listeners.get(BACKUP_REQUEST_CHANNEL)!(event, 'request-1')
    fake.listeners.get(BACKUP_REQUEST_CHANNEL)!(event, { id: 1 })
    expect(commands).toEqual(['go-stats'])
    expect(requests).toEqual(['request-1'])
    stopCommands()
    expect(fake.listeners.has(MENU_COMMAND_CHANNEL)).toBe(false)
  })

  it('passes on only well-formed optimizer progress, as two plain counts', async () => {
    await import('../../../src/preload/index')
    const api = fake.exposed.get('api') as Record<string, (listener: (value: unknown) => void) => () => void>
    const heard: unknown[] = []
    const stop = api.onOptimizerProgress!((p) => heard.push(p))
    const relay = fake.listeners.get(OPTIMIZER_PROGRESS_CHANNEL)!
    relay({}, { done: 66, total: 165, extra: 'dropped' })
    relay({}, { done: 200, total: 165 })
    relay({}, { done: -1, total: 165 })
    relay({}, { done: 1.5, total: 2 })
    relay({}, 'half')
    expect(heard).toEqual([{ done: 66, total: 165 }])
    stop()
    expect(fake.listeners.has(OPTIMIZER_PROGRESS_CHANNEL)).toBe(false)
  })
})
