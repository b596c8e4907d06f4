import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import {
  FOLDER_ID,
  isLoopback,
  listFolder,
  socketsOf,
  startSyncthing,
  syncthingInstalled,
  waitForFile,
  writeWhileApart,
  type SyncthingCluster,
  type SyncthingInstance
} from './syncthing'

// In CI Syncthing is installed by .ci/run, and a missing one is a failure; elsewhere it is skipped.
const available = syncthingInstalled() || Boolean(process.env.CI)
if (!available) console.warn('Skipping the Syncthing end-to-end test: syncthing is not installed (apt-get install -y syncthing).')

describe.skipIf(!available)('two Syncthing instances on 127.0.0.1', () => {
  let cluster: SyncthingCluster
  beforeAll(async () => {
    cluster = await startSyncthing(2)
    await cluster.waitConnected()
  })
  afterAll(async () => {
    await cluster?.stop()
  })
  const printLogsOnFailure = () => onTestFailed(() => console.log(cluster.logs()))

  it('is configured to talk only to the other instance, over 127.0.0.1, and to report nothing', async () => {
    printLogsOnFailure()
    for (const instance of cluster.instances) {
      const config = await instance.rest<SyncthingConfig>('/rest/config')
      expect(config.options).toMatchObject({
        listenAddresses: [`tcp://127.0.0.1:${instance.listenPort}`],
        globalAnnounceEnabled: false,
        localAnnounceEnabled: false,
        relaysEnabled: false,
        natEnabled: false,
        urAccepted: -1,
        crashReportingEnabled: false,
        autoUpgradeIntervalH: 0,
        startBrowser: false
      })
      expect(config.gui.address).toBe(`127.0.0.1:${instance.guiPort}`)
      const others = config.devices.filter((d) => d.deviceID !== instance.id)
      expect(others.map((d) => d.addresses)).toEqual(
        cluster.instances.filter((i) => i !== instance).map((i) => [`tcp://127.0.0.1:${i.listenPort}`])
      )
      expect(config.folders.map((f) => [f.id, f.path, f.type])).toEqual([[FOLDER_ID, instance.folder, 'sendreceive']])

      const { connections } = await instance.rest<{ connections: Record<string, { connected: boolean; address: string }> }>(
        '/rest/system/connections'
      )
      for (const other of cluster.instances.filter((i) => i !== instance)) {
        expect(connections[other.id]).toMatchObject({ connected: true })
        expect(connections[other.id]!.address).toMatch(/^127\.0\.0\.1:\d+$/)
      }

      // The sockets the process really holds: every one bound to and talking with the loopback.
      const sockets = socketsOf(instance.pid()!)
      expect(
        sockets
          .filter((s) => s.listening)
          .map((s) => s.local)
          .sort()
      ).toEqual([`127.0.0.1:${instance.guiPort}`, `127.0.0.1:${instance.listenPort}`].sort())
      expect(sockets.filter((s) => !isLoopback(s.local) || (!isLoopback(s.remote) && s.remote !== '0.0.0.0:0'))).toEqual([])
    }
  })

  it('carries a file written in either folder to the other', async () => {
    printLogsOnFailure()
    const [a, b] = cluster.instances as [SyncthingInstance, SyncthingInstance]
    await mkdir(join(a.folder, 'recall', 'aaaa'), { recursive: true })
    await writeFile(join(a.folder, 'recall', 'aaaa', '0000000001.seg'), 'from a\n')
    await mkdir(join(b.folder, 'recall', 'bbbb'), { recursive: true })
    await writeFile(join(b.folder, 'recall', 'bbbb', '0000000001.seg'), 'from b\n')
    // Nobody asks for a scan: the watchers notice the writes, as they will the app's.
    expect(await waitForFile(b, 'recall/aaaa/0000000001.seg', (text) => text === 'from a\n')).toBe('from a\n')
    expect(await waitForFile(a, 'recall/bbbb/0000000001.seg', (text) => text === 'from b\n')).toBe('from b\n')
    await cluster.waitInSync()
    expect(listFolder(a.folder)).toEqual(['recall/aaaa/0000000001.seg', 'recall/bbbb/0000000001.seg'])
    expect(listFolder(b.folder)).toEqual(listFolder(a.folder))
  })

  it('keeps both versions, one as a *.sync-conflict-* copy, when both change one file while apart', async () => {
    printLogsOnFailure()
    const [a, b] = cluster.instances as [SyncthingInstance, SyncthingInstance]
    const path = 'recall/shared.txt'
    await writeFile(join(a.folder, path), 'first\n')
    await waitForFile(b, path, (text) => text === 'first\n')
    await cluster.waitInSync()

    // B's change is the later one, so it is B's that keeps the name (Syncthing's rule).
    await writeWhileApart(cluster, path, { instance: a, text: 'changed on a\n' }, { instance: b, text: 'changed on b\n' })

    for (const instance of cluster.instances) {
      const files = listFolder(instance.folder).filter((f) => f.startsWith('recall/shared'))
      expect(files).toHaveLength(2)
      expect(files).toContain(path)
      const copy = files.find((f) => f !== path)!
      expect(copy).toMatch(/^recall\/shared\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}\.txt$/)
      expect(await readFile(join(instance.folder, path), 'utf8')).toBe('changed on b\n')
      expect(await readFile(join(instance.folder, copy), 'utf8')).toBe('changed on a\n')
    }
    expect(existsSync(join(a.folder, '.stfolder'))).toBe(true)
  })
})

interface SyncthingConfig {
  options: Record<string, unknown>
  gui: { address: string }
  devices: Array<{ deviceID: string; addresses: string[] }>
  folders: Array<{ id: string; path: string; type: string }>
}
