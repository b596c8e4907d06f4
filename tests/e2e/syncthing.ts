import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Debian's Syncthing (`apt-get install -y syncthing`); RECALL_SYNCTHING points at another build. */
const syncthingPath = process.env.RECALL_SYNCTHING ?? 'syncthing'

export function syncthingInstalled(): boolean {
  return spawnSync(syncthingPath, ['--version'], { stdio: 'ignore' }).status === 0
}

/** The one folder every instance shares. */
export const FOLDER_ID = 'recall-sync'

export interface SyncthingInstance {
  name: string
  /** The device id Syncthing derived from its key (`XXXXXXX-XXXXXXX-…`). */
  id: string
  /** The shared folder on disk: what the app links. */
  folder: string
  home: string
  listenPort: number
  guiPort: number
  apiKey: string
  /** The running process group's leader, while it runs. */
  pid(): number | undefined
  /** GET or POST on the REST API, with the API key; the answer's JSON. */
  rest<T = unknown>(path: string, method?: 'GET' | 'POST'): Promise<T>
  /** Rescans the shared folder now and returns once the scan is done (instead of the watcher's delay). */
  scan(): Promise<void>
  /** Stops or resumes the connection to the other instances (both sides then work offline). */
  pauseOthers(): Promise<void>
  resumeOthers(): Promise<void>
  /** Everything it logged so far. */
  log(): string
}

export interface SyncthingCluster {
  instances: SyncthingInstance[]
  /** Resolves once every instance is connected to every other (over 127.0.0.1). */
  waitConnected(timeoutMs?: number): Promise<void>
  /**
   * Resolves once every instance has scanned its folder and all agree: idle, nothing needed, the
   * same global files, and each sees the others at 100 %.
   */
  waitInSync(timeoutMs?: number): Promise<void>
  /** Every instance's log, headed by its name: print it when a test fails. */
  logs(): string
  /** Stops every instance (SIGTERM, then SIGKILL to the group) and deletes their homes and folders. */
  stop(): Promise<void>
}

/**
 * Starts `count` Syncthing instances that share one folder and talk only to each other over
 * 127.0.0.1. Each config is written before the first start: static `tcp://127.0.0.1:PORT`
 * addresses, and global and local discovery, relays, NAT traversal, usage and crash reporting and
 * upgrades all off; the GUI/REST listener on 127.0.0.1 with an API key.
 */
export async function startSyncthing(count = 2): Promise<SyncthingCluster> {
  const root = await mkdtemp(join(tmpdir(), 'recall-syncthing-'))
  const logFiles: string[] = []
  const children: Array<ChildProcess | undefined> = []
  const exits: Array<Promise<void>> = []
  const instances: SyncthingInstance[] = []
  try {
    const devices: Array<{ name: string; id: string; home: string; folder: string; listenPort: number; guiPort: number; apiKey: string }> =
      []
    for (let i = 0; i < count; i++) {
      const name = String.fromCharCode(97 + i)
      const home = join(root, name, 'home')
      const folder = join(root, name, 'folder')
      await mkdir(home, { recursive: true })
      // The folder and its marker exist before Syncthing looks, as on a machine already set up.
      await mkdir(join(folder, '.stfolder'), { recursive: true })
      const id = await generate(home)
      devices.push({ name, id, home, folder, listenPort: await freePort(), guiPort: await freePort(), apiKey: apiKey() })
    }
    for (const device of devices) await writeFile(join(device.home, 'config.xml'), configXml(device, devices))
    for (const [i, device] of devices.entries()) {
      const logFile = join(root, `${device.name}.log`)
      logFiles.push(logFile)
      const child = spawn(
        syncthingPath,
        ['serve', `--home=${device.home}`, '--no-browser', '--no-restart', '--no-upgrade', '--no-default-folder', '--logflags=2'],
        {
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: device.home,
            STNOUPGRADE: '1',
            STNODEFAULTFOLDER: '1',
            STNORESTART: '1',
            // No proxy from the environment: every dial is to 127.0.0.1.
            LANG: 'C.UTF-8'
          }
        }
      )
      children[i] = child
      exits[i] = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      const append = (chunk: Buffer) => appendFileSync(logFile, chunk)
      child.stdout.on('data', append)
      child.stderr.on('data', append)
      const rest = restClient(device.guiPort, device.apiKey)
      const others = devices.filter((d) => d !== device)
      instances.push({
        ...device,
        pid: () => (child.exitCode === null && child.signalCode === null ? child.pid : undefined),
        rest,
        scan: async () => {
          await rest(`/rest/db/scan?folder=${FOLDER_ID}`, 'POST')
        },
        pauseOthers: async () => {
          for (const other of others) await rest(`/rest/system/pause?device=${other.id}`, 'POST')
        },
        resumeOthers: async () => {
          for (const other of others) await rest(`/rest/system/resume?device=${other.id}`, 'POST')
        },
        log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')
      })
    }
    for (const instance of instances)
      await waitFor(
        `${instance.name}'s REST API`,
        () =>
          instance.rest('/rest/system/ping').then(
            () => true,
            () => false
          ),
        30_000
      )
  } catch (error) {
    await stopAll(children, exits)
    const logs = logFiles.filter(existsSync).map((f) => `--- ${f}\n${readFileSync(f, 'utf8')}`)
    await rm(root, { recursive: true, force: true })
    throw new Error(`Syncthing did not start: ${String(error)}\n${logs.join('\n')}`, { cause: error })
  }

  const logs = () => instances.map((i) => `--- Syncthing ${i.name} (${i.id})\n${i.log()}`).join('\n')
  return {
    instances,
    logs,
    async waitConnected(timeoutMs = 60_000) {
      await waitFor(
        'the instances to connect',
        async () => {
          for (const instance of instances) {
            const { connections } = await instance.rest<{ connections: Record<string, { connected: boolean }> }>('/rest/system/connections')
            for (const other of instances) if (other !== instance && !connections[other.id]?.connected) return false
          }
          return true
        },
        timeoutMs
      )
    },
    async waitInSync(timeoutMs = 30_000) {
      await Promise.all(instances.map((i) => i.scan()))
      await waitFor(
        'the folders to be in sync',
        async () => {
          const statuses = await Promise.all(instances.map((i) => i.rest<FolderStatus>(`/rest/db/status?folder=${FOLDER_ID}`)))
          const settled = statuses.every(
            (s) => s.state === 'idle' && s.needTotalItems === 0 && s.pullErrors === 0 && s.inSyncFiles === s.globalFiles
          )
          if (!settled || new Set(statuses.map((s) => `${s.globalFiles}/${s.globalDeleted}/${s.globalBytes}`)).size !== 1) return false
          for (const instance of instances)
            for (const other of instances) {
              if (other === instance) continue
              const seen = await instance.rest<{ completion: number; needItems: number; needDeletes: number }>(
                `/rest/db/completion?folder=${FOLDER_ID}&device=${other.id}`
              )
              if (seen.completion !== 100 || seen.needItems !== 0 || seen.needDeletes !== 0) return false
            }
          return true
        },
        timeoutMs
      )
    },
    async stop() {
      await stopAll(children, exits)
      await rm(root, { recursive: true, force: true })
    }
  }
}

interface FolderStatus {
  state: string
  needTotalItems: number
  pullErrors: number
  inSyncFiles: number
  globalFiles: number
  globalDeleted: number
  globalBytes: number
}

/** Polls the disk until `path` (relative to the instance's folder) exists and, if given, `accept` says yes to its text. */
export async function waitForFile(
  instance: SyncthingInstance,
  path: string,
  accept: (text: string) => boolean = () => true,
  timeoutMs = 30_000
): Promise<string> {
  let text = ''
  await waitFor(
    `${path} in ${instance.name}'s folder`,
    async () => {
      text = await readFile(join(instance.folder, path), 'utf8').catch(() => '')
      return existsSync(join(instance.folder, path)) && accept(text)
    },
    timeoutMs
  )
  return text
}

/**
 * Two instances apart (each pauses the other) write one file each, `first` the earlier and
 * `second` the later (Syncthing keeps the later under the name and makes the earlier a
 * `*.sync-conflict-*` copy); then they meet again and agree.
 */
export async function writeWhileApart(
  cluster: SyncthingCluster,
  path: string,
  first: { instance: SyncthingInstance; text: string },
  second: { instance: SyncthingInstance; text: string }
): Promise<void> {
  for (const { instance } of [first, second]) await instance.pauseOthers()
  const now = Date.now() / 1000
  for (const [{ instance, text }, time] of [
    [first, now - 60],
    [second, now]
  ] as const) {
    await mkdir(dirname(join(instance.folder, path)), { recursive: true })
    await writeFile(join(instance.folder, path), text)
    await utimes(join(instance.folder, path), time, time)
  }
  for (const { instance } of [first, second]) await instance.scan()
  for (const { instance } of [first, second]) await instance.resumeOthers()
  await cluster.waitConnected()
  await cluster.waitInSync()
}

/** Every file under the folder, relative, except Syncthing's own `.stfolder`, sorted. */
export function listFolder(folder: string, under = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(folder, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name
    if (path === '.stfolder') continue
    if (entry.isDirectory()) out.push(...listFolder(folder, path))
    else out.push(path)
  }
  return out.sort()
}

interface Socket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6'
  local: string
  remote: string
  listening: boolean
}

/**
 * Every TCP and UDP socket the process group holds, from /proc (Linux): the addresses it listens
 * on and talks to. Inode numbers from /proc/<pid>/fd, addresses from /proc/net/{tcp,udp}{,6}.
 */
export function socketsOf(group: number): Socket[] {
  const inodes = new Set<string>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const pgrp = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]
      if (Number(pgrp) !== group) continue
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
        if (match) inodes.add(match[1]!)
      }
    } catch {
      // The process or the descriptor went away while we looked.
    }
  }
  const sockets: Socket[] = []
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const lines = readFileSync(`/proc/${group}/net/${protocol}`, 'utf8').trim().split('\n').slice(1)
    for (const line of lines) {
      const fields = line.trim().split(/\s+/)
      if (!inodes.has(fields[9]!)) continue
      sockets.push({
        protocol,
        local: address(fields[1]!),
        remote: address(fields[2]!),
        listening: protocol.startsWith('tcp') && fields[3] === '0A'
      })
    }
  }
  return sockets
}

/** `0100007F:1F90` → `127.0.0.1:8080`; IPv6 as its eight groups. */
function address(hexAddress: string): string {
  const [host, port] = hexAddress.split(':') as [string, string]
  const portNumber = parseInt(port, 16)
  if (host.length === 8) {
    const bytes = [0, 2, 4, 6].map((i) => parseInt(host.slice(i, i + 2), 16)).reverse()
    return `${bytes.join('.')}:${portNumber}`
  }
  // IPv6: four 32-bit words, each little-endian.
  const groups: string[] = []
  for (let word = 0; word < 4; word++) {
    const bytes = host
      .slice(word * 8, word * 8 + 8)
      .match(/../g)!
      .reverse()
      .join('')
    groups.push(bytes.slice(0, 4), bytes.slice(4, 8))
  }
  return `[${groups.map((g) => parseInt(g, 16).toString(16)).join(':')}]:${portNumber}`
}

/** A socket's address is on the loopback: 127.0.0.0/8, ::1, or IPv4-mapped 127.x; an unconnected remote (port 0) counts too. */
export function isLoopback(addressAndPort: string): boolean {
  const host = addressAndPort.slice(0, addressAndPort.lastIndexOf(':'))
  if (/^127\./.test(host) || host === '[0:0:0:0:0:0:0:1]') return true
  if (/^\[0:0:0:0:0:ffff:7f/.test(host)) return true
  return false
}

async function generate(home: string): Promise<string> {
  const run = spawnSync(syncthingPath, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, STNODEFAULTFOLDER: '1' }
  })
  const match = /Device ID: ([A-Z0-9-]{63})/.exec(`${run.stdout}${run.stderr}`)
  if (run.status !== 0 || !match) throw new Error(`syncthing generate failed (${run.status}): ${run.stdout}${run.stderr}`)
  return match[1]!
}

function configXml(
  self: { name: string; id: string; folder: string; listenPort: number; guiPort: number; apiKey: string },
  all: Array<{ name: string; id: string; listenPort: number }>
): string {
  const device = (d: { name: string; id: string; listenPort: number }) => `
    <device id="${d.id}" name="${d.name}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:${d.listenPort}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`
  // A short watcher delay and rescan interval keep the tests quick; maxConflicts 10 keeps
  // conflict copies (0 would turn them off).
  return `<configuration version="36">
    <folder id="${FOLDER_ID}" label="Recall" path="${escapeXml(self.folder)}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>${all
          .map(
            (d) => `
        <device id="${d.id}" introducedBy=""></device>`
          )
          .join('')}
        <minDiskFree unit="%">0</minDiskFree>
        <maxConflicts>10</maxConflicts>
        <markerName>.stfolder</markerName>
        <paused>false</paused>
    </folder>${all.map(device).join('')}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.guiPort}</address>
        <apikey>${self.apiKey}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunServer></stunServer>
        <announceLANAddresses>false</announceLANAddresses>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <urURL></urURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <crashReportingURL></crashReportingURL>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <releasesURL></releasesURL>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <progressUpdateIntervalS>1</progressUpdateIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function apiKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % alphabet.length]).join('')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function restClient(port: number, key: string) {
  return async <T = unknown>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'X-API-Key': key } })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: Error | undefined
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error))
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`)
}

async function stopAll(children: Array<ChildProcess | undefined>, exits: Array<Promise<void>>): Promise<void> {
  await Promise.all(
    children.map(async (child, i) => {
      if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
      signalGroup(child.pid, 'SIGTERM')
      const ended = await Promise.race([
        exits[i]!.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))
      ])
      // Whatever is left of the group (the monitor's child) goes too.
      signalGroup(child.pid, 'SIGKILL')
      if (!ended) await exits[i]
    })
  )
}

function signalGroup(group: number, signal: NodeJS.Signals) {
  try {
    process.kill(-group, signal)
  } catch {
    // The group is gone already.
  }
}
