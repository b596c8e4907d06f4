import { electronJournal } from '@platform/electron-journal'
import { describe, expect, it } from 'vitest'

/** A stand-in for window.api whose appends settle when the test says, as main's replies would. */
function fakeApi() {
  const appends: { args: [string, string, string]; resolve: () => void; reject: (error: Error) => void }[] = []
  const removed: unknown[][] = []
  const api = {
    journalAppend: (...args: [string, string, string]) =>
      new Promise<void>((resolve, reject) => {
        appends.push({ args, resolve, reject })
      }),
    journalRead: async (epoch: string) => [{ segment: 's1', text: `${epoch} text` }],
    journalEpochs: async () => ['e1', 'e2'],
    journalRemove: async (...args: unknown[]) => void removed.push(args)
  }
  return { api, appends, removed }
}

const state = (promise: Promise<unknown>) => {
  let result = 'pending'
  promise.then(
    () => (result = 'resolved'),
    (error: Error) => (result = `rejected: ${error.message}`)
  )
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
    return result
  }
}

describe('the desktop platform’s journal', () => {
  it('sends each append in call order and resolves flushed once every earlier one is written', async () => {
    const { api, appends } = fakeApi()
    const journal = electronJournal(api)
    journal.append('e1', 's1', 'one\n')
    journal.append('e1', 's1', 'two\n')
    const flushed = state(journal.flushed())
    journal.append('e1', 's1', 'three\n')
    expect(appends.map((a) => a.args[2])).toEqual(['one\n', 'two\n', 'three\n'])

    appends[1]!.resolve()
    expect(await flushed()).toBe('pending')
    appends[0]!.resolve()
    expect(await flushed()).toBe('resolved')
    const later = state(journal.flushed())
    expect(await later()).toBe('pending')
    appends[2]!.resolve()
    expect(await later()).toBe('resolved')
  })

  it('rejects flushed once with main’s own message when an append failed, and later appends still go', async () => {
    const { api, appends } = fakeApi()
    const journal = electronJournal(api)
    journal.append('e1', 's1', 'one\n')
    journal.append('e1', 's1', 'two\n')
    appends[0]!.reject(
      new Error("Error invoking remote method 'recall:journalAppend': Error: The disk is full, so Recall could not write its journal (x).")
    )
    appends[1]!.resolve()
    await expect(journal.flushed()).rejects.toThrow(/^The disk is full, so Recall could not write its journal \(x\)\.$/)

    journal.append('e1', 's1', 'three\n')
    appends[2]!.resolve()
    await expect(journal.flushed()).resolves.toBeUndefined()
  })

  it('refuses a bad name at once, without sending anything to main', () => {
    const { api, appends } = fakeApi()
    const journal = electronJournal(api)
    expect(() => journal.append('../e1', 's1', 'x\n')).toThrow(/not a journal name/)
    expect(() => journal.append('e1', 'a/b', 'x\n')).toThrow(/not a journal name/)
    expect(appends).toHaveLength(0)
  })

  it('reads, lists and removes through main, passing segments only when given', async () => {
    const { api, removed } = fakeApi()
    const journal = electronJournal(api)
    await expect(journal.read('e1')).resolves.toEqual([{ segment: 's1', text: 'e1 text' }])
    await expect(journal.epochs()).resolves.toEqual(['e1', 'e2'])
    await journal.remove('e1')
    await journal.remove('e2', ['s1'])
    expect(removed).toEqual([['e1'], ['e2', ['s1']]])
  })
})
