import type { BrowserContext, Page } from 'playwright-core'
import { heapUsed } from './app-flows'
import { openBenchPage, openProfile } from './browser-setup'
import { figure, loadMeter, withLimit, type Figure } from './report'

const log = (message: string) => console.error(`[bench] ${message}`)
const MB = 1024 * 1024

/** The renderer's JS heap, polled over CDP while `run` goes on (no collection forced): its highest reading. */
async function peakHeapDuring<T>(context: BrowserContext, page: Page, run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  const cdp = await context.newCDPSession(page)
  let peak = 0
  let polling = true
  const poll = (async () => {
    while (polling) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      peak = Math.max(peak, usedSize)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  try {
    const result = await run()
    return { result, peak }
  } finally {
    polling = false
    await poll.catch(() => undefined)
    await cdp.detach().catch(() => undefined)
  }
}

/**
 * Issue 24: a year of another device's changes (`reviews` review changes in segments of 5,000)
 * merged into a linked collection of `cards` cards by the app's syncNow, in a fresh profile on
 * the bench page; the heap before, at its peak and after; and its limit, sampled before and after
 * the exchange (limit, app, limit). One exchange per run: applying the year changes the
 * collection, so a second sample would apply nothing.
 */
export async function syncFigures(baseUrl: string, cards: number, reviews: number, emit: (f: Figure) => void) {
  log(`sync: ${reviews} review changes of another device merged into a linked collection of ${cards} cards…`)
  const profile = await openProfile()
  const page = profile.page
  try {
    await openBenchPage(page, baseUrl)
    const made = await page.evaluate(([c, r]) => window.bench.sync.prepareSync(c, r), [cards, reviews] as const)
    log(
      `sync: ${made.cards} cards and ${made.reviews} logs generated in ${Math.round(made.generateMs)} ms; linked (whole collection written, ${made.ownSegments} segments, ${made.ownMB.toFixed(1)} MB) in ${Math.round(made.linkMs)} ms; the other device's ${made.otherSegments} segments (${made.otherMB.toFixed(1)} MB) touch ${made.touchedCards} cards (not figures)`
    )
    const meter = loadMeter()
    const limits = [await page.evaluate(() => window.bench.sync.syncLimit())]
    const heapBefore = await heapUsed(profile.context, page)
    const { result: run, peak } = await peakHeapDuring(profile.context, page, () => page.evaluate(() => window.bench.sync.runSync()))
    const heapAfter = await heapUsed(profile.context, page)
    if (!run.ok || run.received !== reviews) throw new Error(`the exchange did not apply the year: ${JSON.stringify(run)}`)
    const written = await page.evaluate(() => window.bench.sync.keepWrittenRows())
    limits.push(await page.evaluate(() => window.bench.sync.syncLimit()))
    const parts = await page.evaluate(() => window.bench.sync.syncParts())
    const compaction = await page.evaluate(() => window.bench.sync.compactSync())
    if (!compaction.ok || compaction.after.files >= compaction.before.files)
      throw new Error(`compaction removed nothing: ${JSON.stringify(compaction)}`)
    log(
      `sync: folder ${compaction.before.files} files, ${compaction.before.mb.toFixed(1)} MB before compaction, ${compaction.after.files} files, ${compaction.after.mb.toFixed(1)} MB after`
    )
    const load = meter.stop()
    await page.evaluate(() => window.bench.sync.closeSync())

    const limit = figure(
      'limit:sync-year',
      cards,
      limits.map((l) => l.ms),
      'ms',
      {
        note: `every line of the other device's ${made.otherSegments} segments JSON.parsed (${limits.map((l) => Math.round(l.parseMs)).join(', ')} ms), then its ${limits[1]!.reviews} review rows and the ${limits[1]!.cards} cards they touched put into recall-bare in one strict readwrite transaction, no Dexie (${limits.map((l) => Math.round(l.putMs)).join(', ')} ms); sampled before and after the exchange (the first with rows built from the segments, the second with the rows it wrote)`
      }
    )
    const out = [
      limit,
      withLimit(
        figure('sync-year', cards, [run.ms], 'ms', {
          note: `syncNow applying ${run.received} review changes of another device (a year, ${made.otherSegments} segments, ${made.otherMB.toFixed(1)} MB) to a linked collection of ${made.cards} cards and ${made.reviews} logs whose own whole state is in the folder (${made.ownSegments} segments, ${made.ownMB.toFixed(1)} MB): every segment read and decoded, the merge state rebuilt, ${written.cards} cards replayed, ${run.newRows} review rows written, one transaction; n=1`
        }),
        limit
      ),
      figure('probe:sync-year-longest-task', cards, [run.tasks.longest], 'ms', {
        note: `the longest main-thread task (longtask observer) while syncNow applied the year: ${run.tasks.count} tasks over 50 ms, ${Math.round(run.tasks.total)} ms in all; a key pressed during the sync waits up to this long`
      }),
      figure('probe:sync-read-decode', cards, [parts.decodeMs], 'ms', {
        note: `readSyncFolder alone on the same folder after the exchange: ${parts.segments} segments, ${parts.changes} changes decoded and checked`
      }),
      figure('probe:sync-merge-state', cards, [parts.mergeMs], 'ms', {
        note: 'applyChanges alone: the merge state rebuilt from every decoded segment (the engine does this at each sync); what sync-year took beyond this and read-decode is the replay, the apply transaction and the bookkeeping'
      }),
      figure('sync-steady-before-compaction', cards, [compaction.steadyBefore.ms], 'ms', {
        note: `syncNow with nothing new, after the year: the folder holds ${compaction.before.files} files, ${compaction.before.mb.toFixed(1)} MB, listed without text and found as the last sync recorded it (${compaction.steadyBefore.recorded ? 'recorded' : 'NOT recorded: read whole'}); n=1`
      }),
      figure('sync-steady-read-before-compaction', cards, [compaction.steadyBefore.readMs], 'ms', {
        note: 'the same sync with the record of the folder dropped, as every sync was before it: every segment read, decoded and merged; n=1'
      }),
      figure('sync-snapshot-write', cards, [compaction.snapshotMs], 'ms', {
        note: "syncNow that writes this device's snapshot (the whole merge state as compacted changes); n=1"
      }),
      figure('sync-compacting', cards, [compaction.compactMs], 'ms', {
        note: `syncNow that reads the other device's new snapshot (only what is new here applied) and compacts this device's files (the folder: ${compaction.before.files} files before the snapshots, ${compaction.after.files} after); n=1`
      }),
      figure('sync-steady-after-compaction', cards, [compaction.steadyAfter.ms], 'ms', {
        note: `syncNow with nothing new, after compaction: the folder holds ${compaction.after.files} files, ${compaction.after.mb.toFixed(1)} MB (the two devices' snapshots), listed without text (${compaction.steadyAfter.recorded ? 'recorded' : 'NOT recorded: read whole'}); n=1`
      }),
      figure('sync-steady-read-after-compaction', cards, [compaction.steadyAfter.readMs], 'ms', {
        note: 'the same sync with the record of the folder dropped: both snapshots read, decoded and merged; n=1'
      }),
      figure('heap-sync-before', cards, [heapBefore], 'bytes', {
        note: 'JS heap after GC, collection linked, the year in the in-memory folder'
      }),
      figure('heap-sync-peak', cards, [peak], 'bytes', {
        note: `highest JS heap read over CDP every 50 ms during the exchange (no GC forced): ${((peak - heapBefore) / MB).toFixed(0)} MB over the heap before`
      }),
      figure('heap-sync-after', cards, [heapAfter], 'bytes', { note: 'JS heap after GC, after the exchange' })
    ]
    for (const f of out) emit({ ...f, load })
    return out.map((f) => ({ ...f, load }))
  } finally {
    await profile.close()
  }
}
