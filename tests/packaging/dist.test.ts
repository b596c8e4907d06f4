import { extractAll, listPackage } from '@electron/asar'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFuses, shippedFuseWire } from '../unit/helpers/fuse-wire'

const require = createRequire(import.meta.url)
const afterPack = require('../../scripts/packaging/after-pack.cjs') as { FUSES: Record<string, boolean> }
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version

/** app.asar holds the built code and the one runtime dependency; the renderer's libraries are bundled. */
const ASAR_LIMIT_BYTES = 12_000_000

/**
 * What electron-builder copies from an Electron download, as small files: the binary (here a
 * script carrying the fuse wire, which afterPack flips), the sandbox helper, version, licence
 * and a locale. Nothing is downloaded.
 */
function standInElectron(dir: string) {
  mkdirSync(join(dir, 'locales'), { recursive: true })
  mkdirSync(join(dir, 'resources'))
  const wire = shippedFuseWire()
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'), wire, Buffer.from('\n')]))
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in sandbox helper')
  chmodSync(join(dir, 'chrome-sandbox'), 0o755)
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION)
  writeFileSync(join(dir, 'LICENSE'), 'MIT (stand-in)')
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in')
}

/** The newest modification time under a folder (or of a file), in ms. */
function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

let work = ''
let out = ''
let resources = ''
let deb = ''

beforeAll(() => {
  // A build older than the sources it comes from would test yesterday's app.
  if (!existsSync('out/main/index.js') || newest('out/main/index.js') < Math.max(newest('src'), newest('package.json'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  }
  work = mkdtempSync(join(tmpdir(), 'recall-dist-'))
  const electronDist = join(work, 'electron')
  standInElectron(electronDist)
  out = join(work, 'dist')
  const result = spawnSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'dir',
      'deb',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${out}`
    ],
    // fpm, which electron-builder downloads for a deb, is replaced by a stand-in over dpkg-deb.
    { env: { ...process.env, CUSTOM_FPM_PATH: join(__dirname, 'stand-ins', 'fpm.cjs') }, encoding: 'utf8' }
  )
  if (result.status !== 0) throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`)
  resources = join(out, 'linux-unpacked', 'resources')
  deb = join(out, `recall_${(require('../../package.json') as { version: string }).version}_amd64.deb`)
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('npm run dist on Linux', () => {
  it('packs only the built code and the optimizer binding into app.asar, within its size limit', () => {
    const asar = join(resources, 'app.asar')
    const size = statSync(asar).size
    console.log(`app.asar: ${(size / 1e6).toFixed(1)} MB`)
    expect(size).toBeLessThan(ASAR_LIMIT_BYTES)
    const files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'))
    for (const needed of ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html'])
      expect(files).toContain(needed)
    const packageOf = (file: string) => {
      const parts = file.split('/').slice(2)
      return parts[0]?.startsWith('@') ? (parts[1] ? `${parts[0]}/${parts[1]}` : null) : parts[0]
    }
    const packages = new Set(files.filter((f) => f.startsWith('/node_modules/')).flatMap((f) => packageOf(f) ?? []))
    expect([...packages].sort()).toEqual(['@open-spaced-repetition/binding', '@open-spaced-repetition/binding-linux-x64-gnu'])
    expect(files.filter((f) => f.startsWith('/out/web') || f.startsWith('/out/types') || f.endsWith('.map'))).toEqual([])
    // A native module cannot be loaded from inside an asar: electron-builder puts it beside.
    expect(
      existsSync(
        join(resources, 'app.asar.unpacked/node_modules/@open-spaced-repetition/binding-linux-x64-gnu/fsrs-binding.linux-x64-gnu.node')
      )
    ).toBe(true)
  })

  it('puts the built-in decks, the window icon and the AppArmor profile beside app.asar', () => {
    const decks = (folder: string) =>
      readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .sort()
    expect(decks(join(resources, 'decks'))).toEqual(decks('decks'))
    expect(readdirSync(join(resources, 'decks')).filter((f) => !f.endsWith('.json'))).toEqual([])
    expect(readFileSync(join(resources, 'icon.png')).equals(readFileSync('resources/icon.png'))).toBe(true)
    const profile = readFileSync(join(resources, 'apparmor-profile'), 'utf8')
    expect(profile).toContain('/opt/Recall/recall')
    expect(profile).toMatch(/^\s*userns,/m)
  })

  it('flips the fuses in the packaged binary as scripts/packaging/after-pack.cjs says', async () => {
    const fuses = await readFuses(join(out, 'linux-unpacked', 'recall'))
    expect(Object.fromEntries(Object.keys(afterPack.FUSES).map((name) => [name, fuses[name] === '1']))).toEqual(afterPack.FUSES)
  })

  it('builds a deb with a homepage and a maintainer, a launcher entry named after desktopName, and the AppArmor profile installed', () => {
    const control = execFileSync('dpkg-deb', ['--field', deb], { encoding: 'utf8' })
    expect(control).toMatch(/^Package: recall$/m)
    expect(control).toMatch(/^Homepage: \S+$/m)
    expect(control).toMatch(/^Maintainer: .+<.+@.+>$/m)
    const contents = execFileSync('dpkg-deb', ['--contents', deb], { encoding: 'utf8' })
    for (const path of ['./opt/Recall/recall', './opt/Recall/resources/app.asar', './usr/share/applications/dev.recall.app.desktop'])
      expect(contents).toContain(path)
    expect(contents).toMatch(/\.\/usr\/share\/icons\/hicolor\/\d+x\d+\/apps\/recall\.png/)
    const tree = join(work, 'deb')
    execFileSync('dpkg-deb', ['--raw-extract', deb, tree])
    const desktop = readFileSync(join(tree, 'usr/share/applications/dev.recall.app.desktop'), 'utf8')
    // Electron takes the window's Wayland app_id / X11 class from package.json's desktopName.
    expect((require('../../package.json') as { desktopName: string }).desktopName).toBe('dev.recall.app.desktop')
    expect(desktop).toMatch(/^StartupWMClass=dev\.recall\.app$/m)
    expect(desktop).toMatch(/^Exec=\/opt\/Recall\/recall /m)
    expect(desktop).toMatch(/^Icon=recall$/m)
    expect(readFileSync(join(tree, 'DEBIAN/postinst'), 'utf8')).toMatch(/apparmor_parser --replace/)
  })

  it('starts the packaged main bundle under Node with a stand-in electron: window, page, decks and optimizer', () => {
    const app = join(work, 'app')
    extractAll(join(resources, 'app.asar'), app)
    cpSync(join(resources, 'app.asar.unpacked'), app, { recursive: true })
    const userData = join(work, 'user-data')
    mkdirSync(userData)
    const run = spawnSync(process.execPath, [join(__dirname, 'stand-ins', 'run-main.cjs'), app, resources, userData], {
      encoding: 'utf8',
      timeout: 120_000
    })
    expect(run.status, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      calls: string[]
      windows: { url: string; icon: string; webPreferences: Record<string, unknown>; done: string[] }[]
      page: { status: number; csp: string; body: string }
      decks: number
      optimizer: { ok: boolean; parameters?: number; message?: string }
      bindingFiles: string[]
    }
    // Packaged: Electron's own data folder (no development folder), sandbox before the lock.
    expect(report.calls).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock'])
    expect(report.windows).toHaveLength(1)
    const [window] = report.windows
    expect(window!.url).toBe('app://recall/index.html')
    expect(window!.icon).toBe(join(resources, 'icon.png'))
    expect(window!.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(relative(app, window!.webPreferences.preload as string)).toBe(join('out', 'preload', 'index.js'))
    expect(existsSync(window!.webPreferences.preload as string)).toBe(true)
    // Shown when ready; hidden, then shown again by a second launch.
    expect(window!.done).toEqual(['show', 'hide', 'show', 'focus'])
    expect(report.page.status).toBe(200)
    expect(report.page.csp).toContain("script-src 'self'")
    expect(report.page.body).toMatch(/^<!doctype html>/i)
    expect(report.decks).toBe(readdirSync('decks').filter((f) => f.endsWith('.json')).length)
    expect(report.optimizer).toEqual({ ok: true, parameters: 21 })
    // The optimizer came in through the binding's CommonJS build, never its ES module.
    expect(report.bindingFiles).toContain(join('node_modules', '@open-spaced-repetition', 'binding', 'dist', 'index.cjs'))
    expect(report.bindingFiles.some((f) => f.endsWith('.mjs'))).toBe(false)
  })
})
