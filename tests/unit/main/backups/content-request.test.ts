import { createContentRequester } from '@main/backups/content-request'
import { describe, expect, it } from 'vitest'

describe('createContentRequester', () => {
  it('resolves each request with the content the window delivers for its id', async () => {
    const sent: string[] = []
    const requester = createContentRequester({ send: (id) => sent.push(id) })
    const first = requester.request()
    const second = requester.request()
    expect(sent).toHaveLength(2)
    expect(sent[0]).not.toBe(sent[1])
    expect(requester.deliver(sent[1], { content: 'second' })).toBe(true)
    expect(requester.deliver(sent[0], { content: 'first' })).toBe(true)
    await expect(first).resolves.toBe('first')
    await expect(second).resolves.toBe('second')
    expect(requester.deliver(sent[0], { content: 'again' })).toBe(false)
  })

  it('ignores made-up ids and turns bad or failed answers into errors', async () => {
    const sent: string[] = []
    const requester = createContentRequester({ send: (id) => sent.push(id) })
    expect(requester.deliver('backup-99', { content: 'x' })).toBe(false)
    expect(requester.deliver(42, { content: 'x' })).toBe(false)
    const failed = requester.request()
    requester.deliver(sent[0], { error: 'cards row 2: field stability is NaN, which a backup cannot hold' })
    await expect(failed).rejects.toThrow('field stability is NaN')
    const odd = requester.request()
    requester.deliver(sent[1], { content: 123 })
    await expect(odd).rejects.toThrow('not a backup')
  })

  it('gives up when the window does not answer, or cannot be asked', async () => {
    const requester = createContentRequester({ send: () => undefined, timeoutMs: 20 })
    await expect(requester.request()).rejects.toThrow("Recall's window did not hand over the collection within 0 seconds")
    const closed = createContentRequester({
      send: () => {
        throw new Error('Object has been destroyed')
      }
    })
    await expect(closed.request()).rejects.toThrow('could not be asked for the collection (Object has been destroyed)')
  })
})
