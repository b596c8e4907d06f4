import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// Load the YAML parser and the validator from electron-builder's own package (app-builder-lib),
// so the test reads and checks the file exactly as `electron-builder` will.
const require = createRequire(import.meta.url)
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const yaml = builderRequire('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = builderRequire('./out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>
}
const quietLogger = { isEnabled: false, add: () => undefined }

interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  asar: boolean
  afterPack: string
  directories: { buildResources: string }
  extraResources: { from: string; to: string; filter?: string[] }[]
  linux: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
  mac: { target: string[]; icon: string }
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig

function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
  })

  it('would be caught by that validation if it were wrong', async () => {
    // A typo such as `extraResource` is what this guards against.
    await expect(validateConfiguration({ ...config, extraResource: config.extraResources }, quietLogger)).rejects.toThrow(
      /unknown property 'extraResource'/
    )
    await expect(validateConfiguration({ ...config, asar: 'yes please' }, quietLogger)).rejects.toThrow(/configuration\.asar/)
  })

  it('names the app like package.json does and keeps the app in an asar', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { productName: string; scripts: Record<string, string> }
    expect(config.appId).toBe('dev.recall.app')
    expect(config.productName).toBe(pkg.productName)
    expect(config.asar).toBe(true)
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder')
  })

  it('packs only the build output and package.json', () => {
    const included = config.files.filter((f) => !f.startsWith('!'))
    expect(included.sort()).toEqual(['out/**', 'package.json'])
  })

  it('ships the built-in decks as resources/decks, where the packaged app reads them, and the Linux window icon beside them', () => {
    expect(config.extraResources).toEqual([
      { from: 'decks', to: 'decks', filter: ['*.json'] },
      { from: 'resources/icon.png', to: 'icon.png' }
    ])
    expect(existsSync('decks/aws-ml-services.json')).toBe(true)
  })

  it('builds AppImage and deb for Linux, NSIS for Windows and a dmg for macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg'])
  })

  it('uses an icon of at least 512×512 pixels on every platform', () => {
    for (const platform of [config.linux, config.win, config.mac]) {
      expect(existsSync(platform.icon), platform.icon).toBe(true)
      const { width, height } = pngSize(platform.icon)
      expect(width).toBeGreaterThanOrEqual(512)
      expect(height).toBe(width)
    }
  })

  it('runs the fuse-flipping afterPack hook, which exists and exports a function', () => {
    expect(config.afterPack).toBe('./scripts/packaging/after-pack.cjs')
    expect(existsSync(config.afterPack)).toBe(true)
    expect(typeof require(`../../../${config.afterPack.slice(2)}`)).toBe('function')
  })
})
