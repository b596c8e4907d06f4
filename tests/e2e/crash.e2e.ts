import { repairTornIndexedDbLogs } from '@main/storage-repair/torn-log-tails'
import { existsSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { launchKillable, type KillableChromium } from './killable-chromium'
import { gradeKey, gradesByQuestion, inconsistencies, readCollection } from './stored-collection'

/** RECALL_CRASH_CYCLES=200 makes a longer soak run. */
const CYCLES = Number(process.env.RECALL_CRASH_CYCLES ?? 25)
const DECKS = ['AWS ML: service → purpose', 'AWS ML: pipeline stage → services', 'AWS ML: chip → role']

/** mulberry32: the same kill points on every run, so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function withTimeout<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)))
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Opens the first deck that has a card to show now; false when none has. */
async function openStudy(page: Page): Promise<boolean> {
  await page.getByRole('button', { name: new RegExp(`^Study ${escape(DECKS[0]!)}`) }).waitFor()
  for (const deck of DECKS) {
    await page.getByRole('button', { name: new RegExp(`^Study ${escape(deck)}`) }).click()
    await page.getByRole('button', { name: 'Back to decks (Esc)', exact: true }).waitFor()
    if ((await page.getByTestId('question').count()) > 0) return true
    await page.keyboard.press('Escape')
  }
  return false
}

/** The answer is hidden again (a new card) or the deck is finished: the grade's write completed. */
function advanced(page: Page) {
  return page.waitForFunction(
    () => !document.querySelector('[data-testid="answer"]') && !document.querySelector('[role="alert"]'),
    undefined,
    { timeout: 5_000 }
  )
}

type KillPoint = 'loading' | 'revealed' | 'after-keypress' | 'delay' | 'idle'
const KILL_POINTS: KillPoint[] = ['loading', 'revealed', 'after-keypress', 'after-keypress', 'delay', 'delay', 'idle']

/**
 * What a kill in the middle of LevelDB's append leaves, on purpose and often: the newest IndexedDB
 * log of the origin loses its last 1–48 bytes, so its last record is cut off. Chromium reads the
 * log up to there, appends after the cut at the next start, and at the start after that finds a
 * checksum mismatch and deletes the whole database: the case the journal is for. The bytes cut
 * may belong to a write the app had confirmed, which a real kill never does; the journal must put
 * it back too. Returns whether a record was cut.
 */
function tearNewestLog(profileDir: string, random: () => number): boolean {
  const root = join(profileDir, 'Default', 'IndexedDB')
  if (!existsSync(root)) return false
  const folder = readdirSync(root).find((name) => name.endsWith('.indexeddb.leveldb'))
  if (!folder) return false
  const logs = readdirSync(join(root, folder))
    .filter((name) => /^\d+\.log$/.test(name))
    .sort()
  const newest = logs.at(-1)
  if (!newest) return false
  const file = join(root, folder, newest)
  const size = statSync(file).size
  if (
    size < 256 ||
    readFileSync(file)
      .subarray(-8)
      .every((b) => b === 0)
  )
    return false
  truncateSync(file, size - 1 - Math.floor(random() * 48))
  return true
}

/** The grades the Chromium log says were thrown away with a database it found corrupt, since `from`. */
function discardedSince(logFile: string, from: number): boolean {
  if (!existsSync(logFile)) return false
  return /IndexedDB recovering from a corrupted|Corruption:/.test(readFileSync(logFile, 'utf8').slice(from))
}

describe('a crash never loses a grade the app had moved past', () => {
  /**
   * Chromium's own log and the IndexedDB files as the last kill left them are kept when the test
   * fails: the log says what the browser did at each start, and the files what it found.
   */
  const leftovers: string[] = []
  afterAll(async () => {
    await Promise.all(leftovers.map((path) => rm(path, { recursive: true, force: true })))
  })

  /**
   * `repair`: what the desktop app's main process does before each start (main/storage-repair).
   * Without it, as in a browser, `tear` cuts IndexedDB's log after some kills (tearNewestLog), and
   * the journal alone must bring back every confirmed grade, and say so.
   */
  const variants = [
    { name: 'with the desktop app’s log repair between kills', repair: true, tear: 0, seed: 20260521 },
    { name: 'in a browser, with no repair, IndexedDB’s log torn after one kill in two', repair: false, tear: 0.5, seed: 20261206 }
  ]
  it.each(variants)(
    `kills Chromium without warning ${CYCLES} times while studying ($name), and finds every confirmed grade after each restart`,
    async ({ repair, tear, seed }) => {
      const dir = await mkdtemp(join(tmpdir(), 'recall-crash-'))
      const random = seeded(seed)
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
      const figures = {
        cycles: 0,
        pressed: 0,
        confirmed: 0,
        inFlight: 0,
        inFlightSaved: 0,
        found: 0,
        tornTails: 0,
        torn: 0,
        discarded: 0,
        told: 0
      }
      /** Grades whose next card appeared before the kill: they must be in the log. */
      let mustHave: string[] = []
      /** Grades pressed but not seen through before the kill: they may or may not be. */
      let mayHave: string[] = []

      /** The kill point of each cycle, and Chromium's own log, to explain a failure. */
      const history: string[] = []
      const logFile = `${dir}.chromium.log`
      const lastKill = `${dir}.last-kill`
      const where = () =>
        `after restart ${figures.cycles} (kills so far: ${history.join(', ')}; Chromium's log: ${logFile}; IndexedDB as the last kill left it: ${lastKill})`

      let logFrom = 0
      const verify = async (page: Page) => {
        // The app is open (the journal's check done) once the deck list shows.
        await page.getByRole('button', { name: new RegExp(`^Study ${escape(DECKS[0]!)}`) }).waitFor({ timeout: 30_000 })
        const notice = page.getByTestId('journal-notice')
        const told = (await notice.count()) > 0
        if (told) {
          figures.told++
          await notice.getByRole('button', { name: 'OK' }).click()
        }
        if (discardedSince(logFile, logFrom)) {
          // Chromium threw the database away: the person must be told it was rebuilt.
          figures.discarded++
          expect(told, `Chromium discarded the collection and nobody was told, ${where()}`).toBe(true)
        }
        const stored = await withTimeout(readCollection(page), 20_000, () => `reading IndexedDB hung ${where()}`)
        expect(inconsistencies(stored)).toEqual([])
        const log = gradesByQuestion(stored)
        const unexplained = [...log]
        const missing = mustHave.filter((grade) => {
          const at = unexplained.indexOf(grade)
          if (at >= 0) unexplained.splice(at, 1)
          return at < 0
        })
        expect(missing, `${missing.length} of ${mustHave.length} confirmed grades missing, ${log.length} log rows, ${where()}`).toEqual([])
        for (const grade of mayHave) {
          const at = unexplained.indexOf(grade)
          if (at >= 0) {
            unexplained.splice(at, 1)
            figures.inFlightSaved++
          }
        }
        expect(unexplained, 'log rows for grades never given').toEqual([])
        figures.found = log.length
        // Whatever survived a restart is durable from now on.
        mustHave = log
        mayHave = []
      }

      let chromium: KillableChromium | null = null
      try {
        for (let cycle = 0; cycle < CYCLES; cycle++) {
          logFrom = existsSync(logFile) ? statSync(logFile).size : 0
          chromium = await launchKillable(dir, logFile)
          const { page } = chromium
          const point = cycle === 0 ? 'idle' : pick(KILL_POINTS)
          history.push(point)
          if (point === 'loading') {
            // Mid-start: the library merge and the first reads are under way.
            void page.goto(inject('baseUrl')).catch(() => undefined)
            await sleep(50 + random() * 400)
          } else {
            await page.goto(inject('baseUrl'))
            await verify(page)
            // With every deck done for now (long runs), the kill simply comes on the deck list.
            const grades = (await openStudy(page)) ? 2 + Math.floor(random() * 4) : 0
            for (let i = 0; i < grades; i++) {
              // As a person reads it: a question whose formatted text is still on its way (the Markdown
              // pipeline loads after the first card) reads '' for a moment, which names no card.
              await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="question"]')?.innerText.trim())
              const question = await page.getByTestId('question').innerText()
              await page.keyboard.press('Space')
              await page.getByTestId('answer').waitFor()
              const last = i === grades - 1
              if (last && point === 'revealed') break
              const rating = pick([1, 2, 3, 3, 3, 4])
              await page.keyboard.press(String(rating))
              figures.pressed++
              if (last && (point === 'after-keypress' || point === 'delay')) {
                if (point === 'delay') await sleep(random() * 40)
                mayHave.push(gradeKey(question, rating))
                figures.inFlight++
                break
              }
              await advanced(page)
              mustHave.push(gradeKey(question, rating))
              figures.confirmed++
              if ((await page.getByTestId('question').count()) === 0) break // nothing left in this deck now
            }
            if (point === 'idle') await sleep(random() * 300)
          }
          await chromium.kill()
          chromium = null
          await rm(lastKill, { recursive: true, force: true })
          await cp(join(dir, 'Default', 'IndexedDB'), lastKill, { recursive: true }).catch(() => undefined)
          // What the desktop app's main process does at every start, before its window opens.
          if (repair) figures.tornTails += repairTornIndexedDbLogs(join(dir, 'Default')).repairs.length
          else if (random() < tear && tearNewestLog(dir, random)) figures.torn++
          figures.cycles++
        }
        logFrom = existsSync(logFile) ? statSync(logFile).size : 0
        chromium = await launchKillable(dir, logFile)
        await chromium.page.goto(inject('baseUrl'))
        await verify(chromium.page)
      } finally {
        await chromium?.close()
      }
      console.log(
        `crash test: ${figures.cycles} kill/restart cycles, ${figures.pressed} grades pressed, ${figures.confirmed} confirmed on screen before a kill, ` +
          `${figures.inFlight} in flight at a kill (${figures.inFlightSaved} of them saved), ${figures.found} grades found in the log at the end, ` +
          `${figures.tornTails} half-written log records cut off before a restart; ` +
          `${figures.torn} logs torn on purpose, ${figures.discarded} collections discarded by Chromium, ${figures.told} recoveries told`
      )
      expect(figures.cycles).toBe(CYCLES)
      expect(figures.confirmed).toBeGreaterThan(25)
      expect(figures.found).toBe(figures.confirmed + figures.inFlightSaved)
      if (!repair) expect(figures.told, 'no tear led to a recovery: the test did not test the journal').toBeGreaterThan(0)
      leftovers.push(dir, logFile, lastKill)
    },
    60_000 + CYCLES * 10_000
  )
})
