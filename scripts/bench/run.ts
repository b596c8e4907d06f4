import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { serveFolder } from '../static-server'
import { firstCardLoads, gradeLoop, keyedBareGrades, rendererMemory } from './app-flows'
import { buildAll, openBenchPage, openProfile } from './browser-setup'
import { BUDGET_GZIP, measureBundle } from './bundle-size'
import { apkgExportInNode, apkgImportInNode, fsrsNextInNode, optimizerInNode } from './node-figures'
import { readinessFigures } from './readiness'
import type { Sample } from './page/bench-page'
import { PICTURES_DECK } from './page/generate'
import { figure, round, table, withLimit, type Figure } from './report'

/**
 * `npm run bench [-- --sizes 1000,10000,100000 --grades 200 --learners 200 --optimizer-reviews 1000000 --apkg-export-cards 100000 --apkg-import-notes 10000 --recovery-cards 100000]`: builds the web app and the bench
 * page beside it, serves them on 127.0.0.1, and for each size fills a fresh Chromium profile with
 * a generated collection, then measures the app in it; last, the exam-readiness range against
 * simulated learners. One JSON line per figure, then a table.
 */
const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number)
const GRADES = Number(option('grades', '200'))
const LOADS = Number(option('loads', '5'))
const HEAVY_REPS = Number(option('heavy', '3'))
const BENCH_DECK = 'Bench deck 00'
/** Grades on the deck whose cards each have three pictures and a formula (its 20 new cards of the day, less the last). */
const PICTURE_GRADES = 19
/** How long the answer of a picture card is read before the grade: a person looks at three diagrams for seconds; 1 s is short. */
const PICTURE_READ_MS = 1000
/** Key presses timed for the grade's bare limit (`limit:grade-keyed-*`). */
const GRADE_LIMIT_KEYS = 100
const BUILTIN_DECK = 'AWS ML: service → purpose'
/** Synthetic reviews the FSRS optimizer is timed on, in Node (the desktop's binding) and in Chromium (the web build's WebAssembly); 0 skips. */
const OPTIMIZER_REVIEWS = Number(option('optimizer-reviews', '1000000'))
/** Study cards of the collection exported to an Anki package under Node (each with ten reviews); 0 skips. */
const APKG_EXPORT_CARDS = Number(option('apkg-export-cards', '100000'))
/** Notes of the Anki package whose import is timed under Node (a tenth of them with a picture); 0 skips. */
const APKG_IMPORT_NOTES = Number(option('apkg-import-notes', '10000'))
/** Cards of the collection rebuilt from a backup and the journal (about ten review logs per studied card). */
const RECOVERY_CARDS = Number(option('recovery-cards', '100000'))
/** Simulated learners per size for the exam-readiness check (`npm run bench:readiness` for more). */
const LEARNERS = Number(option('learners', '200'))

const emit = (f: Figure) => console.log(JSON.stringify(f))
const log = (message: string) => console.error(`[bench] ${message}`)

/** The app with only the built-in decks: the fixed cost of a load and the heap of an empty collection. */
async function baseline(baseUrl: string) {
  const { context, page, close } = await openProfile()
  try {
    await page.goto(baseUrl)
    await page.waitForSelector(`button[aria-label^="Study ${BUILTIN_DECK}:"]`, { timeout: 60_000 })
    const loads = await firstCardLoads(page, baseUrl, BUILTIN_DECK, LOADS)
    const memory = await rendererMemory(context, page)
    return { loads, memory }
  } finally {
    await close()
  }
}

async function measureSize(n: number, baseUrl: string, empty: Awaited<ReturnType<typeof baseline>>): Promise<Figure[]> {
  const { context, page, close } = await openProfile()
  const out: Figure[] = []
  const push = (f: Figure) => {
    out.push(f)
    emit(f)
  }
  try {
    await openBenchPage(page, baseUrl)
    const made = await page.evaluate(([size, now]) => window.bench.generate(size, now), [n, Date.now()] as const)
    log(`${n}: generated ${made.cards} cards and ${made.reviews} logs in ${Math.round(made.ms)} ms (not a figure)`)
    const before = await page.evaluate(() => window.bench.rowCounts())
    console.log(JSON.stringify({ name: 'rows', size: n, counted: 'IndexedDB count() in Chromium', ...before }))
    if (before.cards! < n || before.reviews! < 9 * n)
      throw new Error(`the collection holds ${before.cards} cards and ${before.reviews} logs, not ${n} and ~${10 * n}`)

    // The first load merges the built-in decks; the measured loads come after it.
    await page.goto(baseUrl)
    await page.waitForSelector(`button[aria-label^="Study ${BENCH_DECK}:"]`, { timeout: 120_000 })
    const loads = await firstCardLoads(page, baseUrl, BENCH_DECK, LOADS)
    const emptyCard = figure('limit:first-card', n, empty.loads.card, 'ms', { note: 'the same app with only the built-in decks' })
    const emptyList = figure('limit:deck-list', n, empty.loads.list, 'ms', { note: 'the same app with only the built-in decks' })
    push(emptyList)
    push(withLimit(figure('deck-list', n, loads.list, 'ms', { note: 'navigation start → deck list with counts in the DOM' }), emptyList))
    push(emptyCard)
    push(
      withLimit(
        figure('first-card', n, loads.card, 'ms', {
          note: 'navigation start → first question painted (Study clicked as soon as the list appears)'
        }),
        emptyCard
      )
    )

    const grades = await gradeLoop(page, GRADES)
    const memory = await rendererMemory(context, page)
    // The heaviest card: three 800×450 pictures and a formula, after a grade (each card new, graded Good).
    await firstCardLoads(page, baseUrl, PICTURES_DECK, 1)
    const pictures = await gradeLoop(page, PICTURE_GRADES, PICTURE_READ_MS)

    await openBenchPage(page, baseUrl)
    const pause = figure('probe:grade-pause', n, grades.pause, 'ms', {
      note: "previous grade's next question in the DOM → this grade's key (the reveal and the runner's own steps)"
    })
    push(pause)
    const gradePauseMs = Math.round(pause.median)
    const samples: Sample[] = await page.evaluate((options) => window.bench.measure(options), {
      reps: 21,
      heavyReps: HEAVY_REPS,
      gradePauseMs
    })
    const after = await page.evaluate(() => window.bench.rowCounts())
    console.log(JSON.stringify({ name: 'rows-after', size: n, ...after }))

    const byName = new Map(samples.map((s) => [s.name, figure(s.name, n, s.samples, s.unit, s.note ? { note: s.note } : {})]))
    for (const f of byName.values()) if (f.name.startsWith('limit:') || f.name.startsWith('probe:')) push(f)
    const fsrsNext = byName.get('limit:fsrs-next')!
    const keyedWrites = await keyedBareGrades(page, GRADE_LIMIT_KEYS, gradePauseMs)
    const keyedDom = figure('limit:grade-keyed-dom', n, keyedWrites.dom, 'ms', {
      note: 'key event → bare write → a line of text in the DOM, on the bench page, keys pressed like the grades'
    })
    const keyedPainted = figure('limit:grade-keyed-painted', n, keyedWrites.painted, 'ms', {
      note: 'the same, to the frame showing the text painted'
    })
    push(keyedDom)
    push(keyedPainted)
    push(
      figure('probe:grade-keyed-pause', n, keyedWrites.pause, 'ms', {
        note: 'the pause before each of those keys (previous text shown → key), to compare with probe:grade-pause'
      })
    )
    // A grade's limits: its bare parts added (the keyed bare write, plus ts-fsrs next()).
    const withNext = (name: string, part: Figure): Figure => ({
      ...part,
      name,
      median: round(part.median + fsrsNext.median),
      p95: round(part.p95 + fsrsNext.p95),
      note: `${part.name} + limit:fsrs-next`
    })
    const gradeLimit = withNext('limit:grade', keyedDom)
    const paintedLimit = withNext('limit:grade-painted', keyedPainted)
    push(gradeLimit)
    push(paintedLimit)
    push(
      withLimit(
        figure('grade-next-card-dom', n, grades.dom, 'ms', { note: 'grade key event → next question in the DOM (Dexie write included)' }),
        gradeLimit
      )
    )
    push(
      figure('probe:grade-input-delay', n, grades.input, 'ms', {
        note: 'grade key event → first listener in the page: the browser delivering the key, before any app code'
      })
    )
    push(
      withLimit(
        figure('grade-next-card-painted', n, grades.painted, 'ms', { note: 'grade key event → frame with the next question painted' }),
        paintedLimit
      )
    )
    const full = pictures.images.filter((k, i) => k === 3 && pictures.formulas[i]! >= 1).length
    push(
      withLimit(
        figure('grade-next-picture-card-painted', n, pictures.painted, 'ms', {
          note: `grade key event → frame with the next question painted, a question with three 800×450 PNGs and a formula, graded ${PICTURE_READ_MS} ms after the answer showed (${full} of ${pictures.painted.length} frames held all three and the formula)`
        }),
        paintedLimit
      )
    )
    push(
      figure('picture-card-images-not-ready', n, pictures.imagesNotReady, 'count', {
        note: 'pictures of that next question not yet loaded and decoded in the painted frame (0: drawn in the frame of the grade)'
      })
    )
    for (const name of ['queue', 'counts', 'stats', 'exam-forecast', 'import-10k', 'stats-first-open'])
      push(withLimit(byName.get(name)!, byName.get(`limit:${name}`)!))
    push(withLimit(byName.get('stats-after-study')!, byName.get('limit:stats')!))
    const heapLimit = figure('limit:heap', n, [empty.memory.heapUsed], 'bytes', { note: 'JS heap of the app with only the built-in decks' })
    push(heapLimit)
    push(
      withLimit(
        figure('heap', n, [memory.heapUsed], 'bytes', {
          note: `renderer JS heap after GC, after loading and ${grades.dom.length} grades; DOM nodes ${memory.nodes}`
        }),
        heapLimit
      )
    )
    return out
  } finally {
    await close()
  }
}

/**
 * The FSRS optimizer on the same synthetic reviews, once each (a run takes minutes): the desktop's
 * native binding under Node, then the web build's WebAssembly in a worker in Chromium; each
 * followed by one evaluation. The load is printed before and after: two cores are shared.
 */
async function optimizerFigures(baseUrl: string, load: () => void) {
  const reviews = OPTIMIZER_REVIEWS
  load()
  log(`optimizer: the native binding on ${reviews} reviews under Node…`)
  const node = await optimizerInNode(reviews)
  const extra = { env: 'node' as const }
  emit(
    figure('optimize-binding', reviews, [node.trainSeconds], 's', {
      ...extra,
      note: `desktop optimizer (fsrs-rs through its Node binding) on ${reviews} synthetic reviews, ${node.cards} cards, ${node.items} training items; ${node.progressReports} progress reports`
    })
  )
  emit(
    figure('evaluate', reviews, [node.evaluateSeconds], 's', {
      ...extra,
      note: 'core/optimizer/evaluate.ts, one parameter set over the same reviews (the app runs it twice, current and optimized)'
    })
  )
  load()
  log(`optimizer: fsrs-browser (WebAssembly) on ${reviews} reviews in a worker in Chromium…`)
  const { page, close } = await openProfile()
  try {
    await openBenchPage(page, baseUrl)
    const web = await page.evaluate((n) => window.bench.optimizeWeb(n), reviews)
    const difference = Math.max(...web.w.map((w, i) => Math.abs(w - node.w[i]!)))
    emit(
      figure('optimize-web', reviews, [web.trainSeconds], 's', {
        note: `web optimizer (fsrs-rs in WebAssembly, one thread, in a worker; fetch and compile included) on the same reviews; ${web.progressReports} progress reports; largest parameter difference from the binding's ${difference.toExponential(2)}`
      })
    )
    emit(
      figure('evaluate-web', reviews, [web.evaluateSeconds], 's', {
        note: 'the same evaluation on the page, in slices of 4,000 cards with a pause between, as the store runs it'
      })
    )
  } finally {
    await close()
  }
  load()
}

/** The journal (db/journal): its size per 10,000 grades, and a lost collection rebuilt from a backup and the journal after it. */
async function recoveryFigures(baseUrl: string, load: () => void) {
  log(`journal: a collection of ${RECOVERY_CARDS} cards rebuilt from its backup and 10,000 grades of journal, in turn with its limit…`)
  const { page, close } = await openProfile()
  try {
    await openBenchPage(page, baseUrl)
    const run = await page.evaluate((cards) => window.bench.journalFigures(cards, 10_000), RECOVERY_CARDS)
    emit(
      figure('journal-size', 10_000, [run.bytesPer10k], 'bytes', {
        note: 'the journal written by 10,000 grades (each: begin, the card, its log, commit); a backup lets it drop what came before'
      })
    )
    const limit = figure('limit:recovery', run.reviews, [run.bareMs], 'ms', {
      note: 'the rebuilt rows put bare into an empty collection of the same schema, one transaction, strict durability'
    })
    emit(limit)
    emit(
      withLimit(
        figure('recovery', run.reviews, [run.appMs], 'ms', {
          note: `a ${run.backupMB.toFixed(0)} MB backup decoded, checked and restored, then the journal's 10,000 grades replayed (journal-check.ts's rebuild)`
        }),
        limit
      )
    )
  } finally {
    await close()
  }
  load()
}

async function main() {
  const started = Date.now()
  const outDir = await mkdtemp(join(tmpdir(), 'recall-bench-web-'))
  let server: Awaited<ReturnType<typeof serveFolder>> | null = null
  const load = () => console.log(JSON.stringify({ name: 'load', loadavg: loadavg().map((l) => round(l)) }))
  try {
    load()
    log('building the web app and the bench page…')
    await buildAll(outDir)
    const bundle = await measureBundle(outDir)
    console.log(
      JSON.stringify({
        name: 'bundle-initial-js',
        unit: 'bytes',
        gzip: bundle.initial.gzip,
        raw: bundle.initial.raw,
        budget: BUDGET_GZIP,
        files: bundle.initial.files
      })
    )
    console.log(
      JSON.stringify({
        name: 'bundle-lazy-js',
        unit: 'bytes',
        gzip: bundle.lazy.gzip,
        raw: bundle.lazy.raw,
        chunks: bundle.lazy.files.length
      })
    )
    console.log(JSON.stringify({ name: 'bundle-css', unit: 'bytes', gzip: bundle.css.gzip }))
    server = await serveFolder(outDir, 0)
    const figures: Figure[] = []
    const nodeFsrs = await fsrsNextInNode()
    const nodeFigure = {
      ...figure('limit:fsrs-next', 0, nodeFsrs, 'ms'),
      env: 'node' as const,
      note: 'ts-fsrs next() per card under Node (size-independent)'
    }
    emit(nodeFigure)
    if (APKG_EXPORT_CARDS > 0) {
      log(`apkg export: a collection of ${APKG_EXPORT_CARDS} cards to an Anki package under Node…`)
      const run = await apkgExportInNode(APKG_EXPORT_CARDS)
      emit(
        figure('apkg-export', APKG_EXPORT_CARDS, [run.ms], 'ms', {
          env: 'node',
          note: `shared/deck/apkg-export.ts: ${run.notes} notes, ${run.reviews} review log rows → ${(run.bytes / 1e6).toFixed(1)} MB .apkg (sql.js, fflate)`
        })
      )
    }
    if (APKG_IMPORT_NOTES > 0) {
      log(`apkg import: a package of ${APKG_IMPORT_NOTES} notes and ${APKG_IMPORT_NOTES / 10} images under Node, in turn with its limit…`)
      const run = await apkgImportInNode(APKG_IMPORT_NOTES, APKG_IMPORT_NOTES / 10)
      const limit = figure('limit:apkg-import', APKG_IMPORT_NOTES, run.limit, 'ms', {
        env: 'node',
        note: 'unzip (fflate), open the collection in sql.js and step through every note’s fields, touch every image'
      })
      emit(limit)
      emit(
        withLimit(
          figure('apkg-import', APKG_IMPORT_NOTES, run.app, 'ms', {
            env: 'node',
            note: `shared/deck/import-file.ts as the import worker runs it: ${run.cards} notes, ${APKG_IMPORT_NOTES / 10} images (20 kB each), ${(run.bytes / 1e6).toFixed(1)} MB .apkg`
          }),
          limit
        )
      )
    }
    log('baseline: the app with only the built-in decks…')
    const empty = await baseline(server.url)
    for (const n of SIZES) {
      log(`size ${n}…`)
      figures.push(...(await measureSize(n, server.url, empty)))
    }
    console.log('')
    console.log(table(figures, SIZES))
    console.log(
      `initial JS ${(bundle.initial.gzip / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_GZIP / 1024} kB: ${bundle.initial.gzip < BUDGET_GZIP ? 'met' : 'MISSED'}), lazily loaded JS ${(bundle.lazy.gzip / 1024).toFixed(1)} kB in ${bundle.lazy.files.length} chunks`
    )
    const largest = SIZES.at(-1)!
    const misses = figures
      .filter((f) => f.size === largest && !f.name.startsWith('limit:') && f.ratio !== undefined && f.ratio > 3)
      .map((f) => `${f.name} ${f.ratio}×`)
    console.log(`figures above 3× their limit at ${largest}: ${misses.join(', ') || 'none'}`)
    if (OPTIMIZER_REVIEWS > 0) await optimizerFigures(server.url, load)
    if (RECOVERY_CARDS > 0) await recoveryFigures(server.url, load)
    log('exam readiness: the 90 % range against simulated learners…')
    readinessFigures(() => LEARNERS)
    load()
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`)
  } finally {
    await server?.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
