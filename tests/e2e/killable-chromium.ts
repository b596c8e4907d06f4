import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumPath, dismissWelcome, FLAGS } from './browser'

export interface KillableChromium {
  page: Page
  /** SIGKILL to Chromium and every process it started: no unload, no flush, no goodbye. */
  kill(): Promise<void>
  /** A normal shutdown. */
  close(): Promise<void>
}

/**
 * Chromium started by the test itself, on a profile folder, in a process group of its own, and
 * driven over CDP: unlike a Playwright-launched browser, the test owns the pid and can kill it
 * the way a power cut or an OOM killer would.
 */
export async function launchKillable(profileDir: string, logFile?: string): Promise<KillableChromium> {
  const logging = logFile ? ['--enable-logging=stderr', '--v=0'] : []
  const child = spawn(chromiumPath, [...FLAGS, ...logging, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (logFile) child.stderr.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk))
  const endpoint = await devtoolsEndpoint(child)
  const browser: Browser = await chromium.connectOverCDP(endpoint)
  const context = browser.contexts()[0]!
  await context.addInitScript(dismissWelcome)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    page,
    async kill() {
      process.kill(-child.pid!, 'SIGKILL')
      await exited
      await groupGone(child.pid!)
      await browser.close().catch(() => undefined)
    },
    async close() {
      await browser.close().catch(() => undefined)
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
      await exited
    }
  }
}

function devtoolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4_000)
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen)
      if (match) resolve(match[1]!)
    }
    // Kept reading afterwards, so Chromium never blocks on a full stderr pipe.
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${seen}`)))
    setTimeout(() => reject(new Error(`Chromium did not listen within 30 s: ${seen}`)), 30_000).unref()
  })
}

/**
 * Waits until no live process is left in the group (the renderers and the storage service die a
 * moment after the browser), so the next start never overlaps the last one. Linux only: elsewhere
 * a short pause stands in.
 */
async function groupGone(group: number): Promise<void> {
  if (!existsSync('/proc/self/stat')) return new Promise((resolve) => setTimeout(resolve, 500))
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline && livingMembers(group) > 0) await new Promise((resolve) => setTimeout(resolve, 10))
}

function livingMembers(group: number): number {
  let count = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after "(name) ": state, ppid, pgrp. Zombies (Z) hold nothing any more.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === group && state !== 'Z' && state !== 'X') count++
    } catch {
      // The process ended while we looked.
    }
  }
  return count
}
