import type { Page } from 'playwright-core'
import { firstCardLoads, firstStart, gradeLoop, heapUsed, thinkTimeGrades, type Loads } from './app-flows'
import { openBenchPage, openProfile, type Profile } from './browser-setup'
import type { BareSample, ScreenSample } from './page/in-app-page'
import { PICTURES_DECK } from './page/generate'
import { figure, loadMeter, withLimit, type Figure, type Load } from './report'
import { BROWSE_SEARCH, browseFigures, chartScreens, exportOnce, importOnce, statsFirstOpen, type Paired } from './screen-flows'
import { thinkTimes } from './think-time'

export interface SizeOptions {
  baseUrl: string
  seedVersion: number
  loads: number
  coldLoads: number
  grades: number
  heavy: number
  imports: number
  exports: number
  /** URLs of the packages the import figure drops on the app, one per import. */
  packages: string[]
}

const BENCH_DECK = 'Bench deck 00'
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
 * backup) → the first statistics opening (caches built) → warm and cold loads → grades with think
 * times → picture cards → statistics and exam plan reopened → Browse → queue and counts → import →
 * export. Every figure is paired with its limit, sampled in turn with it.
 */
export async function measureSize(n: number, options: SizeOptions, emit: (f: Figure) => void) {
  const profile = await openProfile()
  const out: Figure[] = []
  let load: Load = { min: NaN, max: NaN }
  const push = (f: Figure) => {
    const withLoad = { ...f, load }
    out.push(withLoad)
    emit(withLoad)
  }
  const phase = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    log(`${n}: ${what}…`)
    const meter = loadMeter()
    try {
      return await run()
    } finally {
      load = meter.stop()
    }
  }
  const ms = (name: string, samples: number[], note: string) => figure(name, n, samples, 'ms', { note })
  const pair = (name: string, app: number[], bare: number[], note: string, limitNote: string) => {
    const limit = ms(`limit:${name}`, bare, limitNote)
    push(limit)
    push(withLimit(ms(name, app, note), limit))
  }
  const pairScreen = (name: string, paired: Paired, pick: (s: ScreenSample) => number, note: string, limitNote: string) =>
    pair(
      name,
      paired.app.map(pick),
      paired.bare.map((b: BareSample) => b.painted),
      note,
      limitNote
    )
  const bytes = (name: string, samples: number[], note: string) => push(figure(name, n, samples, 'bytes', { note }))
  const page = () => profile.page
  try {
    const made = await phase('generating the collection', async () => {
      await openBenchPage(page(), options.baseUrl)
      return page().evaluate(([size, now, v]) => window.bench.generate(size, now, v), [n, Date.now(), options.seedVersion] as const)
    })
    log(
      `${n}: ${made.cards} cards and ${made.reviews} logs at database version ${options.seedVersion} in ${Math.round(made.ms)} ms (not a figure)`
    )
    const rows = await page().evaluate(() => window.bench.rowCounts())
    console.log(JSON.stringify({ name: 'rows', size: n, counted: 'IndexedDB count() in Chromium', ...rows }))
    if (rows.cards! < n || rows.reviews! < 9 * n)
      throw new Error(`the collection holds ${rows.cards} cards and ${rows.reviews} logs, not ${n} and ~${10 * n}`)

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
        note: `the journal's first epoch backs the collection up: first card painted → a ${(backup.size / MB).toFixed(1)} MB backup written (measured from Node, waited for before anything else)`
      })
    )

    const firstStats = await phase('the first statistics opening', () => statsFirstOpen(page(), options.baseUrl))
    pairScreen(
      'stats-screen-first',
      firstStats,
      (s) => s.painted,
      'click Statistics → charts painted, the first opening in this collection (its caches built from every log and card)',
      'click → every review log and every card read bare (getAll in 10,000-row batches) → a line painted'
    )

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
      'the same key after a think time → the card row and review log of the previous grade put back bare (one strict readwrite transaction) → a line of text in the DOM'
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

    const charts = await phase('statistics and exam plan', () => chartScreens(profile, options.baseUrl, options.heavy, setup.examDecks))
    pairScreen(
      'stats-screen',
      charts.stats,
      (s) => s.painted,
      'click Statistics → chunk loaded, data read, every chart painted (a fresh load of the app before each)',
      'click → getAll of every review-day rollup row and every card-columns row, bare → a line painted'
    )
    push(
      ms(
        'probe:stats-screen-longest-task',
        charts.stats.app.map((s) => s.longestTask),
        'the longest main-thread task meanwhile'
      )
    )
    pairScreen(
      'exam-screen',
      charts.exam,
      (s) => s.painted,
      "click Exam plan → the exam's forecast and chart painted (one exam over the ten bench decks, 60 days ahead)",
      "click → get of the exam decks' card-columns rows, bare → a line painted"
    )
    bytes('heap-decks', charts.heap.decks, 'JS heap after GC, deck list open')
    bytes('heap-stats', charts.heap.stats, 'JS heap after GC, statistics open')
    bytes('heap-exam', charts.heap.exam, 'JS heap after GC, exam plan open')

    const browse = await phase('Browse', () => browseFigures(profile, options.baseUrl, options.heavy))
    const paintOnly = 'the same input → a line of text changed → painted (no IndexedDB: what Browse reads here it has read when it opened)'
    pairScreen(
      'browse-open',
      browse.open,
      (s) => s.painted,
      'click Browse → chunk loaded, first rows painted',
      `click → the first ${browse.rows} cards (one screenful, as many rows as Browse showed) read bare by primary key → a line painted`
    )
    push(
      ms(
        'probe:browse-open-longest-task',
        browse.open.app.map((s) => s.longestTask),
        'the longest main-thread task meanwhile'
      )
    )
    pairScreen(
      'browse-search',
      browse.search,
      (s) => s.painted,
      `"${BROWSE_SEARCH}" typed, Enter → rows updated and painted (typing without Enter adds the 150 ms pause before the search)`,
      paintOnly
    )
    push(
      ms(
        'browse-search-longest-task',
        browse.search.app.map((s) => s.longestTask),
        'the longest main-thread task from Enter to the rows painted (PerformanceObserver longtask; 0: none over 50 ms)'
      )
    )
    pairScreen('browse-sort', browse.sort, (s) => s.painted, 'click the Due column header → sorted rows painted', paintOnly)
    push(
      ms(
        'probe:browse-sort-longest-task',
        browse.sort.app.map((s) => s.longestTask),
        'the longest main-thread task meanwhile'
      )
    )
    pairScreen('browse-scroll', browse.scroll, (s) => s.painted, 'the table scrolled to its middle → rows painted', paintOnly)
    bytes('heap-browse', browse.heap, 'JS heap after GC, Browse open')
    const study = out.find((f) => f.name === 'heap-study')!
    bytes(
      'heap-browse-above-study',
      browse.heap.map((h) => h - study.median),
      `heap with Browse open − heap with the study screen open (${(study.median / MB).toFixed(1)} MB)`
    )

    const samples = await phase('queue and counts', async () => {
      await openBenchPage(page(), options.baseUrl)
      return page().evaluate((reps) => window.bench.measureQueueAndCounts(reps), 21)
    })
    for (const [name, note] of [
      ['queue', "today's queue of deck 00 through the app's loadTodayQueue (bench page)"],
      ['counts', "every deck's numbers through the store's refreshCounts (bench page)"]
    ] as const) {
      const app = samples.find((s) => s.name === name)!
      const limit = samples.find((s) => s.name === `limit:${name}`)!
      pair(name, app.samples, limit.samples, note, limit.note ?? '')
    }

    const imports = await phase('imports', () => importFigures(profile, options))
    const importLimit = ms(
      'limit:import-apkg',
      imports.put,
      'the rows the import wrote (deck, cards, notes, media) read back, then put again bare: one strict readwrite transaction'
    )
    push(importLimit)
    push(
      withLimit(
        ms(
          'import-apkg',
          imports.read.map((r, i) => r + imports.save[i]!),
          `a 10,000-note, 1,000-picture .apkg dropped on the app → preview painted, + Import clicked → Done painted (${imports.summary})`
        ),
        importLimit
      )
    )
    push(
      ms(
        'import-apkg-read',
        imports.read,
        'file dropped → preview summary painted (unzip, SQLite, notes, media checks in the worker; no IndexedDB write, so no limit)'
      )
    )
    push(withLimit(ms('import-apkg-save', imports.save, 'Import clicked → Done painted (the merge and its writes)'), importLimit))

    const exports = await phase('exports', async () => {
      const app: number[] = []
      const bare: number[] = []
      let detail = ''
      for (let i = 0; i < options.exports; i++) {
        const run = await exportOnce(page(), options.baseUrl)
        app.push(run.app.painted)
        bare.push(run.bare.painted)
        detail = `${(run.bytes / MB).toFixed(1)} MB; ${/Saved ([^.]*)/.exec(run.message)?.[1] ?? run.message.slice(0, 120)}`
      }
      return { app, bare, detail }
    })
    pair(
      'export-apkg',
      exports.app,
      exports.bare,
      `Backups… › Export all decks to Anki clicked → the saved message painted (${exports.detail})`,
      'click → what the export reads (every deck, its notes, cards and log by the same indexes, the media) read bare → a line painted'
    )
    await openBenchPage(page(), options.baseUrl)
    console.log(JSON.stringify({ name: 'rows-after', size: n, ...(await page().evaluate(() => window.bench.rowCounts())) }))
    return { figures: out, requests: started.requests }
  } finally {
    await profile.close()
  }
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

/**
 * The start-up backup of a journal's first epoch: waits, on the app's page (which encodes it),
 * until it is in the origin's private file system. Not a figure; its time is printed as a probe.
 */
async function startUpBackup(page: Page): Promise<{ ms: number; size: number }> {
  const start = Date.now()
  for (;;) {
    const size = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory()
      const folder = await root.getDirectoryHandle('backups', { create: true })
      let largest = 0
      for await (const handle of (folder as unknown as { values(): AsyncIterable<FileSystemHandle> }).values())
        if (handle.kind === 'file') largest = Math.max(largest, (await (handle as FileSystemFileHandle).getFile()).size)
      return largest
    })
    if (size > 1000) return { ms: Date.now() - start, size }
    if (Date.now() - start > 1_800_000) throw new Error('no start-up backup within 30 minutes')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** `imports` imports of a big package, each followed by its limit, each deck taken out again before the next. */
async function importFigures(profile: Profile, options: SizeOptions) {
  const read: number[] = []
  const save: number[] = []
  const put: number[] = []
  let summary = ''
  for (let i = 0; i < options.imports; i++) {
    const run = await importOnce(profile.page, options.baseUrl, options.packages[i % options.packages.length]!)
    read.push(run.read.painted)
    save.push(run.save.painted)
    put.push(run.put)
    summary = `${run.counts.cards} cards, ${run.counts.notes} notes, ${run.counts.media} media rows; ${run.summary.replace(/\s+/g, ' ').slice(0, 120)}`
    await openBenchPage(profile.page, options.baseUrl)
    await profile.page.evaluate(([deckId, since]) => window.bench.dropImported(deckId, since), [run.deckId, run.since] as const)
  }
  return { read, save, put, summary }
}
