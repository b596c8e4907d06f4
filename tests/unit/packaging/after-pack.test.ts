import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFuses, shippedFuseWire } from '../helpers/fuse-wire'

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

describe('the afterPack hook', () => {
  it('flips the fuses in the packaged Electron binary and leaves the others as shipped', async () => {
    const binary = join(dir, 'recall')
    await writeFile(binary, Buffer.concat([Buffer.from('\x7fELF…code…'), shippedFuseWire(), Buffer.from('…more code')]))
    await afterPack(linux(dir))
    expect(await readFuses(binary)).toEqual({
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
