import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

interface PackContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}
type AfterPack = ((context: PackContext) => Promise<void>) & {
  FUSES: Record<string, boolean>
  electronBinaryPath(context: PackContext): string
}

const require = createRequire(import.meta.url)
const afterPack = require('../../../scripts/packaging/after-pack.cjs') as AfterPack

// The fuse wire as Electron ships it: a sentinel, the wire version (1), its length, then one byte
// per fuse, '1' on and '0' off. Electron 45's defaults, in FuseV1Options order.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_ORDER = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
  'WasmTrapHandlers'
]
const SHIPPED_WIRE = '101100011'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recall-pack-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const linux = (appOutDir: string): PackContext => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Recall' }, executableName: 'recall' }
})

async function fuses(binary: string): Promise<Record<string, string>> {
  const bytes = await readFile(binary)
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length
  const wire = bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1')
  return Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[i]!]))
}

describe('the afterPack hook', () => {
  it('flips the fuses in the packaged Electron binary and leaves the others as shipped', async () => {
    const binary = join(dir, 'recall')
    await writeFile(
      binary,
      Buffer.concat([
        Buffer.from('\x7fELF…code…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, FUSE_ORDER.length]),
        Buffer.from(SHIPPED_WIRE),
        Buffer.from('…more code')
      ])
    )
    await afterPack(linux(dir))
    expect(await fuses(binary)).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: '1'
    })
  })

  it('fails the build instead of shipping unflipped fuses when the binary has no fuse wire', async () => {
    await writeFile(join(dir, 'recall'), 'not electron')
    await expect(afterPack(linux(dir))).rejects.toThrow(/sentinel/)
  })

  it('finds the binary where electron-builder puts it on each platform', () => {
    const packager = { appInfo: { productFilename: 'Recall' }, executableName: 'recall' }
    expect(afterPack.electronBinaryPath({ appOutDir: '/d', electronPlatformName: 'linux', arch: 1, packager })).toBe(join('/d', 'recall'))
    expect(afterPack.electronBinaryPath({ appOutDir: '/d', electronPlatformName: 'win32', arch: 1, packager })).toBe(
      join('/d', 'Recall.exe')
    )
    expect(afterPack.electronBinaryPath({ appOutDir: '/d', electronPlatformName: 'darwin', arch: 3, packager })).toBe(
      join('/d', 'Recall.app')
    )
  })
})
