import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ConsoleMessage } from 'playwright-core'
import { firstCardLoads, firstStart, gradeLoop, heapUsed, thinkTimeGrades, type Loads } from './app-flows'
import { openBenchPage, openProfile, startUpBackup } from './browser-setup'
import { figureSink, type FigureSink } from './figure-sink'
import { PICTURES_DECK, SEED_PROGRESS } from './page/generate'
import { figure, withLimit, type Figure } from './report'
import { screenFigures, type SizeOptions } from './screen-figures'
import { statsFirstOpen } from './screen-flows'
import { thinkTimes } from './think-time'

const BENCH_DECK = 'Bench deck 00'
/** The file that marks a kept profile as completely seeded (--seed-cache). */
const SEEDED = 'recall-bench-seeded.json'
/** Grades on the deck whose cards each have three pictures and a formula (its 20 new cards of the day, less the last). */
const PICTURE_GRADES = 19
/** How long the answer of a picture card is read before the grade: a person looks at three diagrams for seconds; 1 s is short. */
const PICTURE_READ_MS = 1000

const log = (message: string) => console.error(`[bench] ${message}`)
const MB = 1024 * 1024

/**
 * Everything measured at one size, in one fresh Chromium profile, in this order (the order
 * matters: a first opening is only first once):
 * the collection seeded at an older version → the app's first start (upgrade, journal, start-up
 * backup) → the first statistics opening (caches built; not with --hot-only) → warm and cold loads → grades with think
 * times → picture cards → statistics and exam plan reopened → Browse → queue and counts → import →
 * export. Every figure is paired with its limit, sampled in turn with it.
 */
export async function measureSize(n: number, options: SizeOptions & { seedCache?: string }, emit: (f: Figure) => void) {
  // A seed of a million cards takes an hour on two busy cores: --seed-cache keeps the profile as
  // seeded (before the app ever opened it) for the next run of the same day, size and shape.
  const day = new Date().toISOString().slice(0, 10)
  const cached = options.seedCache ? join(options.seedCache, `${day}-${n}-cards-${options.logsPerCard}-logs-v${options.seedVersion}`) : null
  const reused = cached !== null && existsSync(join(cached, SEEDED))
  const profile = await openProfile(reused ? cached : undefined)
  const sink = figureSink(n, emit)
  const { out, push, phase, optional, ms, pair, bytes } = sink
  const page = () => profile.page
  try {
    if (reused) log(`${n}: the collection as seeded by an earlier run today, copied from ${cached} (not seeded again)`)
    else {
      const made = await phase('generating the collection', async () => {
        await openBenchPage(page(), options.baseUrl)
        const progress = (message: ConsoleMessage) => {
          if (message.text().startsWith(SEED_PROGRESS)) log(`${n}: ${message.text()}`)
        }
        page().on('console', progress)
        try {
          return await page().evaluate(([size, now, v, logs]) => window.bench.generate(size, now, v, logs), [
            n,
            Date.now(),
            options.seedVersion,
            options.logsPerCard
          ] as const)
        } finally {
          page().off('console', progress)
        }
      })
      log(
        `${n}: ${made.cards} cards and ${made.reviews} logs at database version ${options.seedVersion} in ${Math.round(made.ms)} ms (not a figure)`
      )
      if (cached) {
        await profile.copyTo(cached)
        await writeFile(join(cached, SEEDED), `${JSON.stringify(made)}\n`)
        log(`${n}: the seeded profile kept in ${cached} for --seed-cache`)
      }
    }
    await openBenchPage(page(), options.baseUrl)
    const rows = await page().evaluate(() => window.bench.rowCounts())
    // A lighter history than a heavy user's (--logs-per-card) is said beside the counted rows.
    const lighter = options.logsPerCard === 10 ? {} : { logsPerCard: options.logsPerCard, hotOnly: options.hotOnly }
    console.log(JSON.stringify({ name: 'rows', size: n, counted: 'IndexedDB count() in Chromium', ...lighter, ...rows }))
    if (rows.cards! < n || rows.reviews! < 0.9 * options.logsPerCard * n)
      throw new Error(`the collection holds ${rows.cards} cards and ${rows.reviews} logs, not ${n} and ~${options.logsPerCard * n}`)

    const started = await phase('the first start after the upgrade', () => firstStart(page(), options.baseUrl, BENCH_DECK))
    const upgraded = await page().evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'recall')?.version)
    const backup = await phase('waiting for the start-up backup (not timed)', () => startUpBackup(page()))
    const setup = await phase('the picture deck and the exam (not timed)', async () => {
      await openBenchPage(page(), options.baseUrl)
      const made = await page().evaluate((now) => window.bench.afterFirstStart(now), Date.now())
      await page().evaluate((deck) => window.bench.writeBareSpec(deck), 'bench-00')
      return made
    })
    const bareFirst = await phase('the bare first card, first load', () =>
      firstStart(page(), `${options.baseUrl}bench/first-card.html`, BENCH_DECK)
    )
    const limitFirst = ms(
      'limit:first-start-after-upgrade',
      bareFirst.app.card,
      'navigation → the bare page (first load) painted the first question'
    )
    push(limitFirst)
    push(
      withLimit(
        ms(
          'first-start-after-upgrade',
          started.app.card,
          `navigation → first question painted, the app's first start on a collection of database version ${options.seedVersion} (upgraded to ${(upgraded ?? 0) / 10}, journal begun, built-in decks merged, cold HTTP cache)`
        ),
        limitFirst
      )
    )
    push(
      figure('probe:start-up-backup', n, [backup.ms], 'ms', {
        note: `the journal's first epoch backs the collection up during the start: first card painted → that ${(backup.size / MB).toFixed(1)} MB backup found written (near 0 when it was done before the first card; polled from Node every 250 ms, waited for before anything else)`
      })
    )

    // The hot paths only: the first statistics opening waits for the whole log to be counted.
    if (!options.hotOnly) firstStatistics(sink, await phase('the first statistics opening', () => statsFirstOpen(page(), options.baseUrl)))

    const warm = await phase('warm loads', () => firstCardLoads(page(), options.baseUrl, BENCH_DECK, options.loads))
    pairLoads(pair, warm, '', 'reload')
    const cold = await phase('cold starts', () => firstCardLoads(page(), options.baseUrl, BENCH_DECK, options.coldLoads, profile))
    pairLoads(pair, cold, '-cold', 'Chromium restarted on the same profile (disk caches kept), then navigation')

    await page().goto(options.baseUrl)
    await page()
      .getByRole('button', { name: new RegExp(`^Study ${BENCH_DECK}:`) })
      .click()
    await page().waitForSelector('[data-testid="question"]')
    const thinks = thinkTimes(2 * options.grades, 23 + n)
    const grades = await phase('grades after think times', () => thinkTimeGrades(page(), options.baseUrl, options.grades, thinks))
    const thinking = `after ${Math.min(...thinks) / 1000}–${Math.max(...thinks) / 1000} s think times (seeded)`
    pair(
      'grade-next-card-dom',
      grades.app.dom,
      grades.bare.dom,
      `grade key event → next question in the DOM, ${thinking}`,
      'the same key after a think time → the card row and review log the previous grade wrote, byte for byte, put bare into an empty database of the same shape (one strict readwrite transaction) → a line of text in the DOM'
    )
    pair(
      'grade-next-card-painted',
      grades.app.painted,
      grades.bare.painted,
      'grade key event → frame with the next question painted',
      'the same, to the frame with the line painted'
    )
    push(ms('probe:grade-write-bare', grades.bare.write, 'the bare transaction alone (two puts, strict), after a think time'))
    push(ms('probe:grade-input-delay', grades.app.input, 'grade key event → first listener in the page, before any app code'))
    bytes(
      'heap-study',
      [await heapUsed(profile.context, page())],
      `JS heap after GC, study screen open after ${grades.app.dom.length} grades`
    )
    const gradeLimit = out.find((f) => f.name === 'limit:grade-next-card-painted')!

    await optional('picture cards', async () => {
      const pictures = await phase('picture cards', async () => {
        await page().evaluate((name) => localStorage.setItem('bench.autoStudy', name), PICTURES_DECK)
        await page().goto(options.baseUrl)
        await page().waitForSelector('[data-testid="question"]', { timeout: 120_000 })
        await page().evaluate(() => localStorage.removeItem('bench.autoStudy'))
        return gradeLoop(page(), PICTURE_GRADES, PICTURE_READ_MS)
      })
      const full = pictures.images.filter((k, i) => k === 3 && pictures.formulas[i]! >= 1).length
      push(
        withLimit(
          ms(
            'grade-next-picture-card-painted',
            pictures.painted,
            `grade key event → frame with the next question painted: three 800×450 PNGs and a formula, graded ${PICTURE_READ_MS} ms after the answer showed (${full} of ${pictures.painted.length} frames held all three and the formula)`
          ),
          gradeLimit
        )
      )
      push(
        figure('picture-card-images-not-ready', n, pictures.imagesNotReady, 'count', {
          note: 'pictures of that next question not yet loaded and decoded in the painted frame (0: drawn in the frame of the grade)'
        })
      )
    })

    await screenFigures(sink, profile, options, setup.examDecks)

    await openBenchPage(page(), options.baseUrl)
    console.log(JSON.stringify({ name: 'rows-after', size: n, ...(await page().evaluate(() => window.bench.rowCounts())) }))
    return { figures: out, requests: { upgrade: started.requests, ordinary: cold.requests } }
  } finally {
    await profile.close()
  }
}

/** The first statistics opening's figure and probes (statsFirstOpen). */
function firstStatistics({ pairScreen, push, ms }: FigureSink, firstStats: Awaited<ReturnType<typeof statsFirstOpen>>) {
  pairScreen(
    'stats-screen-first',
    firstStats,
    (s) => s.painted,
    'click Statistics → charts painted, the first opening in this collection since it was seeded (nothing of it in the caches yet)',
    'click → getAll of every review-day rollup row and every card-columns row as they stand after that opening, bare → a line painted'
  )
  const first = firstStats.app[0]!
  push(
    ms(
      'probe:stats-screen-first-partial',
      [first.firstPainted],
      `click → the charts first painted, with what was counted so far if the log was still being counted after the update (the whole figure${first.complete ? '' : ' gave up waiting: the screen still said it was counting after 10 minutes'})`
    )
  )
  push(
    ms(
      'probe:read-every-log-and-card',
      [firstStats.everything.painted],
      'click → every review log and every card read bare (getAll in 10,000-row batches) → a line painted: what rebuilding the caches from scratch must read'
    )
  )
}

type Pair = (name: string, app: number[], bare: number[], note: string, limitNote: string) => void

function pairLoads(pair: Pair, loads: { app: Loads; bare: Loads }, suffix: string, how: string) {
  pair(
    `deck-list${suffix}`,
    loads.app.list,
    loads.bare.list,
    `${how} → deck list with its numbers in the DOM`,
    `${how} → the bare page (no Dexie, no React): the collection opened, the rows behind every number shown read, the list in the DOM`
  )
  pair(
    `first-card${suffix}`,
    loads.app.card,
    loads.bare.card,
    `${how} → first question painted (Study clicked the moment the list shows it)`,
    `${how} → the same bare page: then the deck's queue read as the app reads it, its first question painted`
  )
}
