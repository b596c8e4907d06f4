import { MAX_SYNC_MEDIA_WRITE_BYTES, parseIpcArguments } from '@main/ipc-validation'
import { describe, expect, it } from 'vitest'

const DEVICE = '0123456789abcdef'
const HASH = 'a'.repeat(64)

describe("sync's IPC arguments (the page is untrusted)", () => {
  it("takes no path at all: the folder is chosen in main's dialog", () => {
    expect(parseIpcArguments('syncChooseFolder', []).ok).toBe(true)
    expect(parseIpcArguments('syncChooseFolder', ['/home/someone/Sync']).ok).toBe(false)
    expect(parseIpcArguments('syncLink', ['/etc']).ok).toBe(false)
    expect(parseIpcArguments('syncList', ['linked']).ok).toBe(true)
    expect(parseIpcArguments('syncList', ['/etc']).ok).toBe(false)
    // A listing without text (a sync that finds nothing new) takes one flag and nothing else.
    expect(parseIpcArguments('syncList', ['linked', { textless: true }]).ok).toBe(true)
    expect(parseIpcArguments('syncList', ['linked', { textless: true, path: '/etc' }]).ok).toBe(false)
    expect(parseIpcArguments('syncList', ['linked', { textless: 'yes' }]).ok).toBe(false)
  })

  it('refuses a device id or a hash that could climb out of the folder', () => {
    expect(parseIpcArguments('syncWriteSegment', [DEVICE, 1, 'text']).ok).toBe(true)
    for (const device of ['..', '../../etc', '0123456789ABCDEF', '0123456789abcde/', ''])
      expect(parseIpcArguments('syncWriteSegment', [device, 1, 'text']).ok, device).toBe(false)
    expect(parseIpcArguments('syncReadMedia', [DEVICE, HASH]).ok).toBe(true)
    for (const hash of ['../secret', 'A'.repeat(64), 'a'.repeat(63)])
      expect(parseIpcArguments('syncReadMedia', [DEVICE, hash]).ok, hash).toBe(false)
  })

  it('bounds segment numbers and media sizes', () => {
    for (const seq of [0, -1, 1.5, 10_000_000_000, Number.NaN])
      expect(parseIpcArguments('syncWriteSegment', [DEVICE, seq, 'x']).ok, String(seq)).toBe(false)
    expect(parseIpcArguments('syncWriteMedia', [DEVICE, HASH, new Uint8Array(3)]).ok).toBe(true)
    expect(parseIpcArguments('syncWriteMedia', [DEVICE, HASH, 'not bytes']).ok).toBe(false)
    const tooLarge = { byteLength: MAX_SYNC_MEDIA_WRITE_BYTES + 1 }
    Object.setPrototypeOf(tooLarge, Uint8Array.prototype)
    expect(parseIpcArguments('syncWriteMedia', [DEVICE, HASH, tooLarge]).ok).toBe(false)
  })
})
