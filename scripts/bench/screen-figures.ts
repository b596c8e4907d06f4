import { openBenchPage, type Profile } from './browser-setup'
import type { FigureSink } from './figure-sink'
import { withLimit } from './report'
import { BROWSE_SEARCH, browseFigures, chartScreens, exportOnce, importOnce } from './screen-flows'

const MB = 1024 * 1024

/** What one size measures, and how often (run.ts's options). */
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
  /** Review logs per card the collection is seeded with (about 10 unless --logs-per-card). */
  logsPerCard: number
  /** The hot paths only (--hot-only): no screen that reads the whole history (statistics, exam plan). */
  hotOnly: boolean
}

/**
 * The screens' figures at one size, after the grades: statistics and exam plan reopened, Browse,
 * queue and counts, imports, exports; each step skipped with a message if it cannot be measured.
 */
export async function screenFigures(sink: FigureSink, profile: Profile, options: SizeOptions, examDecks: readonly string[]) {
  const { out, push, phase, optional, ms, pair, pairScreen, bytes } = sink
  const page = () => profile.page
  await optional('statistics and exam plan', async () => {
    if (options.hotOnly) return
    const charts = await phase('statistics and exam plan', () => chartScreens(profile, options.baseUrl, options.heavy, examDecks))
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
    push(
      ms(
        'probe:exam-first-paint',
        charts.exam.app.map((s) => s.firstPainted),
        "click Exam plan → the plan and the figures of one pass over the cards painted (countdown, recall if you stop, topics, unseen cards), before the simulation's"
      )
    )
    push(
      ms(
        'probe:exam-screen-longest-task',
        charts.exam.app.map((s) => s.longestTask),
        'the longest main-thread task meanwhile'
      )
    )
    push(
      ms(
        'probe:exam-reopen',
        charts.examReopen.map((s) => s.painted),
        'the exam plan reopened from the deck list in the same page, nothing studied between → the whole screen painted (the forecast worker may answer from its cache; every exam-screen sample is a first opening after a fresh load, which no cache in the worker changes)'
      )
    )
    bytes('heap-decks', charts.heap.decks, 'JS heap after GC, deck list open')
    bytes('heap-stats', charts.heap.stats, 'JS heap after GC, statistics open')
    bytes('heap-exam', charts.heap.exam, 'JS heap after GC, exam plan open')
  })

  await optional('Browse', async () => {
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
    bytes('heap-browse', browse.heap, 'JS heap after GC, Browse open and its count shown (the worker has answered), the workers included')
    bytes('probe:heap-browse-workers', browse.heapWorkers, "the workers' part of heap-browse (Browse's search worker, the journal's)")
    bytes('probe:heap-browse-used', browse.heapUsed, 'JS heap after GC, Browse after the search, the sort and the scroll')
    const study = out.find((f) => f.name === 'heap-study')!
    bytes(
      'heap-browse-above-study',
      browse.heap.map((h) => h - study.median),
      `heap with Browse open − heap with the study screen open (${(study.median / MB).toFixed(1)} MB)`
    )
  })

  await optional('queue and counts', async () => {
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
  })

  await optional('imports', async () => {
    if (options.imports === 0) return
    const imports = await phase('imports', () => importFigures(profile, options))
    const importLimit = ms(
      'limit:import-apkg',
      imports.put,
      'the rows the import wrote (deck, cards, notes, media) read back, then put bare into an empty database of the same shape: one strict readwrite transaction'
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
  })

  await optional('exports', async () => {
    if (options.exports === 0) return
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
  })
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
