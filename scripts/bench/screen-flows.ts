import type { Page } from 'playwright-core'
import { heapParts, heapUsed } from './app-flows'
import { loadInApp, type Profile } from './browser-setup'
import type { BareSample, BareWork, ScreenSample } from './page/in-app-page'

type Ready = Parameters<Window['benchInApp']['armScreen']>[0]
type Start = Parameters<Window['benchInApp']['armScreen']>[1]

/** A fresh load of the app at the deck list, with the bench's in-app module loaded (untimed). */
async function appAtDecks(page: Page, baseUrl: string) {
  await page.goto(baseUrl)
  await page
    .getByRole('button', { name: /^Study / })
    .first()
    .waitFor({ timeout: 300_000 })
  await loadInApp(page, baseUrl)
}

/** One app figure: the probe armed, the person's action, the frame after the screen settled. */
async function probe(page: Page, ready: Ready, start: Start, act: () => Promise<unknown>): Promise<ScreenSample> {
  await page.evaluate(([r, s]) => window.benchInApp.armScreen(r, s), [ready, start] as const)
  await act()
  return page.evaluate(() => window.benchInApp.screenResult())
}

/** One sample of a limit: a click on the limit's own button, its bare work, a line of text, the frame. */
async function bare(page: Page, work: BareWork): Promise<BareSample> {
  await page.evaluate((w) => window.benchInApp.armBare(w), work)
  await page.click('#bench-bare')
  return page.evaluate(() => window.benchInApp.bareResult())
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true })

export interface Paired {
  app: ScreenSample[]
  bare: BareSample[]
}

const paired = (): Paired => ({ app: [], bare: [] })

/**
 * The statistics screen opened for the first time in this collection, and its limit: what any
 * opening must read (the rollup rows and card columns, as they stand once it has opened; the
 * target is no full rebuild on the open path); and, for scale, every review log and every card read.
 */
export async function statsFirstOpen(page: Page, baseUrl: string): Promise<Paired & { everything: BareSample }> {
  await appAtDecks(page, baseUrl)
  const app = await probe(page, 'stats', 'click', () => nav(page, 'Statistics').click())
  const limit = await bare(page, { kind: 'getAll', stores: ['reviewDays', 'cardColumns'] })
  return { app: [app], bare: [limit], everything: await bare(page, { kind: 'readAll', stores: ['reviews', 'cards'] }) }
}

/**
 * `reps` openings of the statistics screen and of the exam plan, each from a fresh load of the app
 * (so the screen's chunk is fetched and compiled each time, as after a start), each followed by
 * its limit; the exam plan reopened from the deck list in the same page; and the JS heap at the
 * deck list and with each screen open.
 */
export async function chartScreens(profile: Profile, baseUrl: string, reps: number, examDecks: readonly string[]) {
  const stats = paired()
  const exam = paired()
  const examReopen: ScreenSample[] = []
  const heap = { decks: [] as number[], stats: [] as number[], exam: [] as number[] }
  for (let i = 0; i < reps; i++) {
    const { page, context } = profile
    await appAtDecks(page, baseUrl)
    heap.decks.push(await heapUsed(context, page))
    stats.app.push(await probe(page, 'stats', 'click', () => nav(page, 'Statistics').click()))
    stats.bare.push(await bare(page, { kind: 'getAll', stores: ['reviewDays', 'cardColumns'] }))
    heap.stats.push(await heapUsed(context, page))
    await appAtDecks(page, baseUrl)
    exam.app.push(await probe(page, 'exam', 'click', () => nav(page, 'Exam plan').click()))
    exam.bare.push(await bare(page, { kind: 'get', store: 'cardColumns', keys: [...examDecks] }))
    heap.exam.push(await heapUsed(context, page))
    // Reopened in the same page, nothing studied between: the forecast worker's cache can answer.
    await nav(page, 'Decks').click()
    await page
      .getByRole('button', { name: /^Study / })
      .first()
      .waitFor()
    examReopen.push(await probe(page, 'exam', 'click', () => nav(page, 'Exam plan').click()))
  }
  return { stats, exam, examReopen, heap }
}

/** What is typed in Browse's search box: two words anywhere in a card, as a person searches. */
export const BROWSE_SEARCH = 'embedding drift'

/**
 * `reps` times, from a fresh load of the app: Browse opened (→ first rows painted), a search typed
 * and Enter (→ rows updated), the Due column's header clicked (→ sorted rows), the table scrolled
 * to its middle (→ rows painted); each followed by its limit; and the heap with Browse open (the
 * workers' part apart), then again after the search, sort and scroll. Only
 * what a person sees is used (roles, labels, rows in the DOM), none of Browse's internals.
 */
export async function browseFigures(profile: Profile, baseUrl: string, reps: number) {
  const out = {
    open: paired(),
    search: paired(),
    sort: paired(),
    scroll: paired(),
    heap: [] as number[],
    heapWorkers: [] as number[],
    heapUsed: [] as number[],
    rows: 0
  }
  for (let i = 0; i < reps; i++) {
    const { page, context } = profile
    await appAtDecks(page, baseUrl)
    out.open.app.push(await probe(page, 'browse-open', 'click', () => nav(page, 'Browse').click()))
    out.rows = await page.evaluate(() => window.benchInApp.rowsShown())
    out.open.bare.push(await bare(page, { kind: 'firstRows', store: 'cards', count: out.rows }))
    // The heap once the worker has answered its first search (the count replaces "Counting cards…"):
    // read as soon as the first rows are painted, it missed the columns the worker was still reading.
    await page
      .getByText(/^[\d,]+ cards?\b/)
      .first()
      .waitFor({ timeout: 300_000 })
    const heap = await heapParts(context, page)
    out.heap.push(heap.page + heap.workers)
    out.heapWorkers.push(heap.workers)
    const box = page.getByRole('searchbox', { name: 'Search cards' })
    // Timed from Enter, which searches at once. When the box's own pause answered the typed text
    // before Enter (a loaded machine), nothing changes after Enter: the box is cleared and typed again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const sample = await probe(page, 'browse-change', 'keydown', async () => {
        await box.fill(BROWSE_SEARCH)
        await box.press('Enter')
      })
      if (Number.isFinite(sample.painted)) {
        out.search.app.push(sample)
        break
      }
      await probe(page, 'browse-change', 'now', () => box.fill(''))
    }
    out.search.bare.push(await bare(page, { kind: 'paint' }))
    const due = page.getByRole('columnheader', { name: /^Due/ }).getByRole('button')
    out.sort.app.push(await probe(page, 'browse-change', 'click', () => due.click()))
    out.sort.bare.push(await bare(page, { kind: 'paint' }))
    await page.evaluate(() => window.benchInApp.scrollToMiddle())
    out.scroll.app.push(await page.evaluate(() => window.benchInApp.screenResult()))
    out.scroll.bare.push(await bare(page, { kind: 'paint' }))
    out.heapUsed.push(await heapUsed(context, page))
  }
  return out
}

/** The deck an imported package makes, named in the package (scripts/bench/anki-package.ts). */
const IMPORTED_DECK = 'Big AWS deck'

/**
 * One import as a person does it: a package dropped on the window (→ the preview's summary
 * painted), then Import clicked (→ Done painted); then the rows it wrote are read back (untimed)
 * and put again bare in one strict transaction, its limit.
 */
export async function importOnce(page: Page, baseUrl: string, url: string) {
  await appAtDecks(page, baseUrl)
  const since = await page.evaluate(() => Date.now())
  await page.evaluate(([u]) => window.benchInApp.dropFile(u, 'big.apkg'), [url] as const)
  const read = await page.evaluate(() => window.benchInApp.screenResult())
  const dialog = page.getByTestId('import-dialog')
  const save = await probe(page, 'import-done', 'click', () => dialog.getByRole('button', { name: /^Import [\d,]+ notes?$/ }).click())
  const summary = await dialog.getByRole('status').innerText()
  await dialog.getByRole('button', { name: 'Done' }).click()
  const captured = await page.evaluate(([name, at]) => window.benchInApp.captureImport(name, at), [IMPORTED_DECK, since] as const)
  const put = await page.evaluate(() => window.benchInApp.timeImportPut())
  return { read, save, put, since, summary, ...captured }
}

/** The whole collection exported as an Anki package from the backups dialog (→ the saved message painted), then its limit: what the export reads, read bare. */
export async function exportOnce(page: Page, baseUrl: string) {
  await appAtDecks(page, baseUrl)
  await page.getByRole('button', { name: 'Backups…' }).click()
  const dialog = page.getByTestId('backups')
  const downloaded = page.waitForEvent('download', { timeout: 1_800_000 })
  const app = await probe(page, 'export-done', 'click', () => dialog.getByRole('button', { name: /^Export all decks to Anki/ }).click())
  const download = await downloaded
  let bytes = 0
  for await (const part of await download.createReadStream()) bytes += (part as Buffer).length
  const message = await dialog.innerText()
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  return { app, bare: await bare(page, { kind: 'export' }), bytes, message }
}
