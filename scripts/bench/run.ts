import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { serveFolder } from '../static-server'
import { bigPackage } from './anki-package'
import { buildAll, openBenchPage, openProfile } from './browser-setup'
import { measureBundle, sizesOf } from './bundle-size'
import { apkgExportInNode, apkgImportInNode, fsrsNextInNode, optimizerInNode } from './node-figures'
import { readinessFigures } from './readiness'
import { figure, loadMeter, round, table, withLimit, type Figure } from './report'
import { measureSize } from './size-run'
import { syncFigures } from './sync-run'

/** The port the server listens on with --seed-cache: a kept collection is only found again from the same origin. */
const SEED_CACHE_PORT = 47_311

const HELP = `npm run bench [-- options]

Builds the web app and the bench's pages beside it, serves them on 127.0.0.1 (compressed), and for
each size fills a fresh Chromium profile with a generated collection at an older database version,
then measures the app in it, each figure in turn with its bare limit. Prints one JSON line per
figure, then a table with the targets. See docs/performance.md.

  --sizes 1000,10000,100000   cards per collection (about ten review logs each)
  --grades 12                 grades after a 1–8 s think time, each with a sample of its limit
  --loads 5                   warm reloads (first card), each with the bare page's
  --cold 3                    cold starts (Chromium restarted), each with the bare page's
  --heavy 3                   openings of statistics, exam plan and Browse
  --imports 3                 imports of a 10,000-note, 1,000-picture .apkg
  --exports 2                 .apkg exports of the whole collection
  --seed-version 4            the database version the collection is seeded at (2 to the current)
  --optimizer-reviews 1000000 reviews the FSRS optimizer is timed on (0 skips)
  --apkg-export-cards 100000  cards of the Node-side .apkg export (0 skips)
  --apkg-import-notes 10000   notes of the Node-side .apkg import (0 skips)
  --recovery-cards 100000     cards of the collection rebuilt from backup and journal (0 skips)
  --learners 200              simulated learners per size for exam readiness
  --sync-reviews 100000       another device's review changes (a year) merged by syncNow into a linked
                              collection of the run's largest size (0 skips)
  --sync-only                 that step alone, at every size of --sizes (nothing else measured)
  --logs-per-card 10          review logs per card on average in the seeded collections (at least 0.7:
                              every studied card has one); 10 seeds the same rows as every earlier run
  --hot-only                  the hot paths only: no first statistics opening, statistics or exam plan
                              screens (they read the whole history); the rest as the other options say
  --seed-cache DIR            keep each size's seeded profile in DIR (a Chromium profile, before the app
                              opened it) and start from a copy of it in later runs of the same day, size,
                              --logs-per-card and --seed-version, instead of seeding again (1,000,000
                              cards take an hour on two busy cores); the server then listens on port
                              ${SEED_CACHE_PORT}, since IndexedDB belongs to an origin
  --million                   the hot paths at 1,000,000 cards (issue 23): the same as --sizes 1000000
                              --logs-per-card 1.5 --hot-only --seed-version 9 (the current schema, so no
                              upgrade of a million cards at the first start) --imports 0 --exports 0
                              --optimizer-reviews 0 --apkg-export-cards 0 --apkg-import-notes 0
                              --recovery-cards 0 --learners 0 --sync-reviews 0; any of them given
                              explicitly wins (e.g. --million --sizes 100000,1000000)

Small and quick: npm run bench -- --sizes 1000 --grades 4 --loads 2 --cold 1 --heavy 1 --imports 1 --exports 1 --optimizer-reviews 0 --apkg-export-cards 0 --apkg-import-notes 0 --recovery-cards 0 --learners 10 --sync-reviews 10000`

const args = process.argv.slice(2)
/**
 * --million's defaults: a million cards are seeded with 1–2 logs each (ten million logs would take
 * hours here) and measured on the hot paths only; nothing else of the run.
 */
const MILLION: Record<string, string> = {
  sizes: '1000000',
  'logs-per-card': '1.5',
  'seed-version': '9',
  imports: '0',
  exports: '0',
  'optimizer-reviews': '0',
  'apkg-export-cards': '0',
  'apkg-import-notes': '0',
  'recovery-cards': '0',
  learners: '0',
  'sync-reviews': '0'
}
const preset = args.includes('--million') ? MILLION : {}
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : (preset[name] ?? fallback)
}
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number)
const NUMBERS = {
  grades: Number(option('grades', '12')),
  loads: Number(option('loads', '5')),
  coldLoads: Number(option('cold', '3')),
  heavy: Number(option('heavy', '3')),
  imports: Number(option('imports', '3')),
  exports: Number(option('exports', '2')),
  seedVersion: Number(option('seed-version', '4')),
  logsPerCard: Number(option('logs-per-card', '10')),
  hotOnly: args.includes('--hot-only') || args.includes('--million')
}
const OPTIMIZER_REVIEWS = Number(option('optimizer-reviews', '1000000'))
const APKG_EXPORT_CARDS = Number(option('apkg-export-cards', '100000'))
const APKG_IMPORT_NOTES = Number(option('apkg-import-notes', '10000'))
const RECOVERY_CARDS = Number(option('recovery-cards', '100000'))
const LEARNERS = Number(option('learners', '200'))
const SYNC_REVIEWS = Number(option('sync-reviews', '100000'))
const SYNC_ONLY = args.includes('--sync-only')
const SEED_CACHE = option('seed-cache', '')

const emit = (f: Figure) => console.log(JSON.stringify(f))
const log = (message: string) => console.error(`[bench] ${message}`)

/** The scripts (and WebAssembly) and the style sheets among the URLs a start asked for, at gzip -6. */
async function fetchedSizes(outDir: string, baseUrl: string, requests: string[]) {
  const fetched = [...new Set(requests.filter((u) => u.startsWith(baseUrl)).map((u) => new URL(u).pathname.slice(1)))].filter(
    (f) => !f.startsWith('bench/')
  )
  const code = await sizesOf(
    outDir,
    fetched.filter((f) => /\.(js|wasm)$/.test(f))
  )
  const css = await sizesOf(
    outDir,
    fetched.filter((f) => f.endsWith('.css'))
  )
  return { code, css, wasm: code.files.filter((f) => f.endsWith('.wasm')) }
}

const names = (files: string[]) => files.map((f) => f.split('/').pop()).join(', ')

/**
 * The initial download, as an ordinary start (Chromium restarted on the collection, the first of
 * the cold starts) fetched it until its first card was painted: every script, worker and
 * WebAssembly file it asked for, at gzip -6. The first start after an upgrade fetches more (the
 * upgrade's own steps and the start-up backup): printed beside it, with no target. The entry chunk
 * with its static imports, read from the files.
 */
async function bundleFigures(outDir: string, baseUrl: string, requests: { ordinary: string[]; upgrade: string[] }): Promise<Figure[]> {
  const { code, css, wasm } = await fetchedSizes(outDir, baseUrl, requests.ordinary)
  const upgrade = await fetchedSizes(outDir, baseUrl, requests.upgrade)
  const bundle = await measureBundle(outDir)
  const lazyWasm = bundle.wasm.files.filter((f) => !wasm.includes(f)).map((f) => f.split('/').pop())
  const extra = upgrade.code.files.filter((f) => !code.files.includes(f))
  // No cold start (--cold 0): no ordinary start to read.
  const ordinary =
    requests.ordinary.length === 0
      ? []
      : [
          figure('bundle-initial-js', 0, [code.gzip], 'bytes', {
            note: `gzip -6 of the ${code.files.length} scripts${wasm.length ? ' and WebAssembly' : ''} an ordinary start fetched before its first card was painted (${names(code.files)}; ${(code.raw / 1024).toFixed(0)} kB raw; WebAssembly among them: ${wasm.join(', ') || 'none'}; not fetched at start: ${lazyWasm.join(', ') || 'none'}); the entry chunk and its static imports alone: ${(bundle.entry.gzip / 1024).toFixed(1)} kB`
          })
        ]
  return [
    ...ordinary,
    figure('bundle-upgrade-js', 0, [upgrade.code.gzip], 'bytes', {
      note: `gzip -6 of the ${upgrade.code.files.length} scripts the first start after the upgrade fetched before its first card (once per new version; no target): those of an ordinary start and ${names(extra) || 'nothing else'}`
    }),
    figure('bundle-initial-css', 0, [css.gzip], 'bytes', { note: `gzip -6 of the style sheets fetched at start (${css.files.length})` }),
    figure('bundle-lazy-js', 0, [bundle.lazy.gzip], 'bytes', {
      note: `gzip -6 of the ${bundle.lazy.files.length} chunks reached only through import() or as workers (some fetched at start: see bundle-initial-js)`
    })
  ]
}

/** Figures measured under Node: ts-fsrs next(), the Anki package export and import. */
async function nodeFigures(): Promise<Figure[]> {
  const out: Figure[] = []
  const meter = loadMeter()
  out.push(figure('probe:fsrs-next', 0, await fsrsNextInNode(), 'ms', { env: 'node', note: 'ts-fsrs next() per card under Node' }))
  if (APKG_EXPORT_CARDS > 0) {
    log(`apkg export: a collection of ${APKG_EXPORT_CARDS} cards to an Anki package under Node…`)
    const run = await apkgExportInNode(APKG_EXPORT_CARDS)
    out.push(
      figure('apkg-export-node', APKG_EXPORT_CARDS, [run.ms], 'ms', {
        env: 'node',
        note: `shared/deck/apkg-export.ts alone: ${run.notes} notes, ${run.reviews} review log rows → ${(run.bytes / 1e6).toFixed(1)} MB .apkg (sql.js, fflate)`
      })
    )
  }
  if (APKG_IMPORT_NOTES > 0) {
    log(`apkg import: a package of ${APKG_IMPORT_NOTES} notes and ${APKG_IMPORT_NOTES / 10} images under Node, in turn with its limit…`)
    const run = await apkgImportInNode(APKG_IMPORT_NOTES, APKG_IMPORT_NOTES / 10)
    const limit = figure('limit:apkg-read-node', APKG_IMPORT_NOTES, run.limit, 'ms', {
      env: 'node',
      note: 'unzip (fflate), open the collection in sql.js and step through every note’s fields, touch every image'
    })
    out.push(
      limit,
      withLimit(
        figure('apkg-read-node', APKG_IMPORT_NOTES, run.app, 'ms', {
          env: 'node',
          note: `shared/deck/import-file.ts alone, as the import worker runs it: ${run.cards} notes, ${APKG_IMPORT_NOTES / 10} images, ${(run.bytes / 1e6).toFixed(1)} MB .apkg`
        }),
        limit
      )
    )
  }
  const load = meter.stop()
  return out.map((f) => ({ ...f, load }))
}

/**
 * The FSRS optimizer on the same synthetic reviews, once each (a run takes minutes): the desktop's
 * native binding under Node, then the web build's WebAssembly in a worker in Chromium; each
 * followed by one evaluation.
 */
async function optimizerFigures(baseUrl: string) {
  const reviews = OPTIMIZER_REVIEWS
  let meter = loadMeter()
  log(`optimizer: the native binding on ${reviews} reviews under Node…`)
  const node = await optimizerInNode(reviews)
  let load = meter.stop()
  emit({
    ...figure('optimize-binding', reviews, [node.trainSeconds], 's', {
      env: 'node',
      note: `desktop optimizer (fsrs-rs through its Node binding) on ${reviews} synthetic reviews, ${node.cards} cards, ${node.items} training items; ${node.progressReports} progress reports`
    }),
    load
  })
  emit({
    ...figure('evaluate', reviews, [node.evaluateSeconds], 's', {
      env: 'node',
      note: 'core/optimizer/evaluate.ts, one parameter set over the same reviews (the app runs it twice, current and optimized)'
    }),
    load
  })
  log(`optimizer: fsrs-browser (WebAssembly) on ${reviews} reviews in a worker in Chromium…`)
  const profile = await openProfile()
  meter = loadMeter()
  try {
    await openBenchPage(profile.page, baseUrl)
    const web = await profile.page.evaluate((n) => window.bench.optimizeWeb(n), reviews)
    load = meter.stop()
    const difference = Math.max(...web.w.map((w, i) => Math.abs(w - node.w[i]!)))
    emit({
      ...figure('optimize-web', reviews, [web.trainSeconds], 's', {
        note: `web optimizer (fsrs-rs in WebAssembly, one thread, in a worker; fetch and compile included) on the same reviews; ${web.progressReports} progress reports; largest parameter difference from the binding's ${difference.toExponential(2)}`
      }),
      load
    })
    emit({
      ...figure('evaluate-web', reviews, [web.evaluateSeconds], 's', {
        note: 'the same evaluation on the page, in slices of 4,000 cards with a pause between, as the store runs it'
      }),
      load
    })
  } finally {
    await profile.close()
  }
}

/** The journal (db/journal): its size per 10,000 grades, and a lost collection rebuilt from a backup and the journal after it. */
async function recoveryFigures(baseUrl: string) {
  log(`journal: a collection of ${RECOVERY_CARDS} cards rebuilt from its backup and 10,000 grades of journal, in turn with its limit…`)
  const profile = await openProfile()
  const meter = loadMeter()
  try {
    await openBenchPage(profile.page, baseUrl)
    const run = await profile.page.evaluate((cards) => window.bench.journalFigures(cards, 10_000), RECOVERY_CARDS)
    const load = meter.stop()
    emit({
      ...figure('journal-size', 10_000, [run.bytesPer10k], 'bytes', {
        note: 'the journal written by 10,000 grades (each: begin, the card, its log, commit); a backup lets it drop what came before'
      }),
      load
    })
    const limit = figure('limit:recovery', run.reviews, [run.bareMs], 'ms', {
      note: 'the rebuilt rows put bare into an empty collection of the same schema, one transaction, strict durability'
    })
    emit({ ...limit, load })
    emit({
      ...withLimit(
        figure('recovery', run.reviews, [run.appMs], 'ms', {
          note: `a ${run.backupMB.toFixed(0)} MB backup decoded, checked and restored, then the journal's 10,000 grades replayed (journal-check.ts's rebuild)`
        }),
        limit
      ),
      load
    })
  } finally {
    await profile.close()
  }
}

async function main() {
  if (args.includes('--help')) {
    console.log(HELP)
    return
  }
  const started = Date.now()
  const outDir = await mkdtemp(join(tmpdir(), 'recall-bench-web-'))
  let server: Awaited<ReturnType<typeof serveFolder>> | null = null
  const machine = () => console.log(JSON.stringify({ name: 'machine', cores: cpus().length, loadavg: loadavg().map((l) => round(l)) }))
  try {
    machine()
    log('building the web app and the bench pages…')
    await buildAll(outDir)
    const packages: string[] = []
    for (let i = 0; i < (SYNC_ONLY ? 0 : NUMBERS.imports); i++) {
      await writeFile(join(outDir, 'bench', `big-${i}.apkg`), await bigPackage(10_000, 1_000, i))
      packages.push(`bench/big-${i}.apkg`)
    }
    server = await serveFolder(outDir, SEED_CACHE ? SEED_CACHE_PORT : 0, { precompress: true })
    const baseUrl = server.url
    if (SYNC_ONLY) {
      for (const n of SIZES) console.log(table(await syncFigures(baseUrl, n, SYNC_REVIEWS, emit), [n]))
      machine()
      return
    }
    const figures: Figure[] = []
    for (const f of await nodeFigures()) emit(f)
    let requests: { ordinary: string[]; upgrade: string[] } | undefined
    for (const n of SIZES) {
      const run = await measureSize(
        n,
        { ...NUMBERS, baseUrl, packages: packages.map((p) => baseUrl + p), seedCache: SEED_CACHE ? resolve(SEED_CACHE) : undefined },
        emit
      )
      figures.push(...run.figures)
      requests ??= run.requests
    }
    for (const f of requests ? await bundleFigures(outDir, baseUrl, requests) : []) {
      emit(f)
      figures.push(f)
    }
    console.log('')
    console.log(table(figures, [0, ...SIZES]))
    if (OPTIMIZER_REVIEWS > 0) await optimizerFigures(baseUrl)
    if (RECOVERY_CARDS > 0) await recoveryFigures(baseUrl)
    if (SYNC_REVIEWS > 0) {
      const synced = await syncFigures(baseUrl, Math.max(...SIZES), SYNC_REVIEWS, emit)
      console.log(table(synced, [Math.max(...SIZES)]))
    }
    if (LEARNERS > 0) {
      log('exam readiness: the 90 % range against simulated learners…')
      readinessFigures(() => LEARNERS)
    }
    machine()
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
