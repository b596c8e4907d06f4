import { bareExportReads, bareFirstRows, bareGet, bareGetAll, barePut, done, openRaw, readAll, sameShape } from './raw-idb'

/**
 * Loaded by the bench into the app's own page once it is running (`bench/assets/in-app.js`), so
 * that each figure and its limit are measured in the same page, one after the other:
 *
 * - `screen`: the app from a person's input (a click, a key, a file chosen) to the frame painted
 *   after the screen's last DOM change, once it shows what it is for (charts drawn, rows shown…),
 *   no longer says it is still counting, and nothing has changed for QUIET_MS; with the longest
 *   main-thread task (longtask) meanwhile, and the frame in which it first showed what it is for.
 * - `bare`: the limit, from a real click on a button of its own: the bare IndexedDB work the
 *   figure cannot avoid, one line of text changed, the frame painted. No Dexie, no app code.
 * - `bareGrade`: the grade's limit, from a real key (the recorder's listener hands it over and
 *   keeps it from the app): the card row and review log the app's last grade wrote, byte for
 *   byte, put in one strict readwrite transaction into `recall-bare`, an empty database of the
 *   collection's shape (raw-idb.ts's sameShape), then a line of text, then the frame.
 * Reads go to the collection itself (the same rows); writes go to `recall-bare`, where none of
 * the app's own transactions can hold them up.
 */

const QUIET_MS = 300
/** How long a screen that says it is still counting (the statistics after an update) is watched for its last figures. */
const GIVE_UP_MS = 600_000
/** An input followed by no change at all for this long is given up on (its sample is NaN), where the probe waited for ever. */
const NO_CHANGE_MS = 30_000
/** The statistics screen's status while it counts the review log in the background after an update. */
const STILL_COUNTING = /still counting/i

/** Resolves with the time after the next frame has been painted: requestAnimationFrame, then a task (as the recorder). */
const afterPaint = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(0)
    })
  )

const longTasks: Array<{ start: number; end: number }> = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration })
}).observe({ type: 'longtask', buffered: true })

/** The longest main-thread task overlapping [from, to], and how many there were. */
function longestTask(from: number, to: number): { longest: number; count: number } {
  const overlapping = longTasks.filter((t) => t.end > from && t.start < to)
  return { longest: Math.max(0, ...overlapping.map((t) => t.end - t.start)), count: overlapping.length }
}

function line(): HTMLElement {
  let element = document.getElementById('bench-bare-line')
  if (!element) {
    element = document.createElement('p')
    element.id = 'bench-bare-line'
    // Through the CSSOM: the app's CSP allows no style attributes.
    Object.assign(element.style, {
      position: 'fixed',
      left: '4px',
      bottom: '4px',
      margin: '0',
      font: '12px monospace',
      zIndex: '2147483647'
    })
    document.body.append(element)
  }
  return element
}

// ——— The app's screens ———

const allChartsDrawn = (root: Element, atLeastOne: boolean) => {
  const charts = [...root.querySelectorAll('.recharts-wrapper')]
  return (!atLeastOne || charts.length > 0) && charts.every((c) => c.querySelector('svg.recharts-surface') !== null)
}
const screenReady = (title: string) => document.querySelector(`main[aria-labelledby="${title}"]`)?.getAttribute('aria-busy') === 'false'
const grid = () => document.querySelector('[role="grid"][aria-label="Cards"]')
/** The rows of the card table as a person sees them: how many results, the sort, the first row shown. */
const gridSignature = () => {
  const g = grid()
  if (!g) return ''
  const sorts = [...g.querySelectorAll('[role="columnheader"]')].map((h) => h.getAttribute('aria-sort')).join()
  const first = g.querySelectorAll('[role="rowgroup"]')[1]?.firstElementChild?.textContent ?? ''
  return `${g.getAttribute('aria-rowcount')}|${sorts}|${first}`
}

type Ready = 'stats' | 'exam' | 'browse-open' | 'browse-change' | 'import-read' | 'import-done' | 'export-done'

function readyCheck(ready: Ready): () => boolean {
  const before = gridSignature()
  const checks: Record<Ready, () => boolean> = {
    stats: () => {
      const charts = document.querySelector('[data-testid="stats-charts"]')
      return screenReady('stats-title') && charts !== null && allChartsDrawn(charts, true)
    },
    // The whole screen: the plan, its figures and the forecast's simulation (nothing in the exam still busy), the chart drawn.
    exam: () =>
      screenReady('exam-title') &&
      document.querySelector('[data-testid="exam"]') !== null &&
      document.querySelector('[data-testid="exam"] [aria-busy="true"]') === null &&
      allChartsDrawn(document.body, false),
    'browse-open': () => (grid()?.querySelectorAll('[role="rowgroup"]')[1]?.childElementCount ?? 0) > 0,
    'browse-change': () => gridSignature() !== before,
    'import-read': () => document.querySelector('[data-testid="import-dialog"] [data-testid="import-summary"]') !== null,
    'import-done': () =>
      [...document.querySelectorAll('[data-testid="import-dialog"] button')].some((b) => b.textContent?.trim() === 'Done'),
    'export-done': () => /Saved .* to \S+\.apkg/.test(document.querySelector('[data-testid="backups"]')?.textContent ?? '')
  }
  return checks[ready]
}

/** Where a screen paints in two steps, what its first shows: the exam plan with its figures of one pass over the cards, before the simulation's. */
const firstChecks: Partial<Record<Ready, () => boolean>> = {
  exam: () => screenReady('exam-title') && document.querySelector('[data-testid="exam"] [data-testid="recall-now"]') !== null
}

export interface ScreenSample {
  /** Input → the frame painted after the last DOM change, once complete (nothing still counting). */
  painted: number
  /** Input → the last DOM change. */
  dom: number
  /** Input → the frame painted after the screen first showed what it is for (charts drawn, rows shown; the exam plan's first step), complete or not. */
  firstPainted: number
  /** False when it still said it was counting after GIVE_UP_MS. */
  complete: boolean
  longestTask: number
  longTasks: number
}

let pendingScreen: Promise<ScreenSample> | null = null

/**
 * Arms the probe for one screen: `start` is the input's event ('click', 'keydown' of Enter) or
 * 'now', for an action the page does itself right after (a scroll, a file dropped on the window).
 */
function armScreen(ready: Ready, start: 'click' | 'keydown' | 'now'): void {
  const isReady = readyCheck(ready)
  const isFirst = firstChecks[ready] ?? isReady
  const isComplete = () => isReady() && !STILL_COUNTING.test(document.querySelector('main [role="status"]')?.textContent ?? '')
  let startAt = start === 'now' ? performance.now() : NaN
  pendingScreen = new Promise<ScreenSample>((resolve) => {
    let firstPainted = NaN
    let complete = false
    let lastChange = NaN
    let paintedAfterLast = NaN
    let seq = 0
    const onStart = (event: Event) => {
      if (start === 'keydown' && (event as KeyboardEvent).key !== 'Enter') return
      startAt = event.timeStamp
      window.removeEventListener(start, onStart, true)
    }
    if (start !== 'now') window.addEventListener(start, onStart, true)
    const observer = new MutationObserver(() => {
      if (Number.isNaN(startAt)) return
      lastChange = performance.now()
      const mine = ++seq
      paintedAfterLast = NaN
      const firstReady = Number.isNaN(firstPainted) && isFirst()
      if (firstReady) firstPainted = Infinity
      void afterPaint().then((t) => {
        if (mine === seq) paintedAfterLast = t
        if (firstReady) firstPainted = t
      })
      complete = isComplete()
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    const settle = () => {
      const now = performance.now()
      if (Number.isNaN(lastChange) && now - startAt > NO_CHANGE_MS) {
        observer.disconnect()
        return resolve({ painted: NaN, dom: NaN, firstPainted: NaN, complete: false, longestTask: 0, longTasks: 0 })
      }
      const quiet = now - lastChange >= QUIET_MS && !Number.isNaN(paintedAfterLast) && Number.isFinite(firstPainted)
      // A screen still counting in the background is given up to GIVE_UP_MS to finish, then taken as it is.
      if (quiet && (complete || now - startAt > GIVE_UP_MS)) {
        observer.disconnect()
        const tasks = longestTask(startAt, paintedAfterLast)
        resolve({
          painted: paintedAfterLast - startAt,
          dom: lastChange - startAt,
          firstPainted: firstPainted - startAt,
          complete,
          longestTask: tasks.longest,
          longTasks: tasks.count
        })
      } else setTimeout(settle, 50)
    }
    setTimeout(settle, 50)
  })
}

/** Scrolls the card table to its middle, timed from the scroll. */
function scrollToMiddle(): void {
  const g = grid()!
  armScreen('browse-change', 'now')
  g.scrollTop = (g.scrollHeight - g.clientHeight) / 2
}

/** Drops a file on the window, as a person drags one from their files (the app imports it), timed from the drop. */
async function dropFile(url: string, name: string): Promise<number> {
  const file = new File([await (await fetch(url)).blob()], name)
  const transfer = new DataTransfer()
  transfer.items.add(file)
  armScreen('import-read', 'now')
  window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  return file.size
}

function screenResult(): Promise<ScreenSample> {
  if (!pendingScreen) throw new Error('no screen probe armed')
  const result = pendingScreen
  pendingScreen = null
  return result
}

/** Data rows of the card table now in the DOM: one screenful, what the Browse limit reads. */
const rowsShown = () => grid()?.querySelectorAll('[role="rowgroup"]')[1]?.childElementCount ?? 0

// ——— The limits ———

export type BareWork =
  | { kind: 'paint' }
  | { kind: 'getAll'; stores: string[] }
  | { kind: 'get'; store: string; keys: string[] }
  | { kind: 'readAll'; stores: string[] }
  | { kind: 'firstRows'; store: string; count: number }
  | { kind: 'export' }

export interface BareSample {
  painted: number
  dom: number
  /** The IndexedDB work alone. */
  work: number
  rows: number
}

let raw: IDBDatabase | null = null
const rawDb = async () => (raw ??= await openRaw())
let bareTarget: IDBDatabase | null = null
/** The database the write limits write to: made afresh (empty) the first time in this page. */
const writeDb = async () => (bareTarget ??= await sameShape(await rawDb(), 'recall-bare'))

async function doWork(work: BareWork): Promise<number> {
  if (work.kind === 'paint') return 0
  const db = await rawDb()
  if (work.kind === 'getAll') return bareGetAll(db, work.stores)
  if (work.kind === 'get') return bareGet(db, work.store, work.keys)
  if (work.kind === 'firstRows') return (await bareFirstRows(db, work.store, work.count)).length
  if (work.kind === 'export') return bareExportReads(db)
  let rows = 0
  for (const store of work.stores) rows += await readAll(db, store)
  return rows
}

let pendingBare: Promise<BareSample> | null = null

/** Arms the limit's button: its next click does `work`, changes the line, and waits for the frame. */
async function armBare(work: BareWork): Promise<void> {
  await rawDb()
  let button = document.getElementById('bench-bare') as HTMLButtonElement | null
  if (!button) {
    button = document.createElement('button')
    button.id = 'bench-bare'
    button.textContent = 'bare'
    Object.assign(button.style, { position: 'fixed', right: '4px', bottom: '4px', font: '12px monospace', zIndex: '2147483647' })
    document.body.append(button)
  }
  const target = button
  pendingBare = new Promise((resolve, reject) => {
    const onClick = (event: MouseEvent) => {
      target.removeEventListener('click', onClick)
      const start = event.timeStamp
      const workStart = performance.now()
      void doWork(work)
        .then(async (rows) => {
          const workMs = performance.now() - workStart
          line().textContent = `bare ${work.kind} ${rows} rows at ${Math.round(start)}`
          const dom = performance.now() - start
          resolve({ painted: (await afterPaint()) - start, dom, work: workMs, rows })
        })
        .catch(reject)
    }
    target.addEventListener('click', onClick)
  })
}

function bareResult(): Promise<BareSample> {
  if (!pendingBare) throw new Error('no bare probe armed')
  const result = pendingBare
  pendingBare = null
  return result
}

// ——— The grade's limit ———

interface GradeSample {
  dom: number
  painted: number
  write: number
}

const grade = {
  rows: null as { cards: unknown[]; reviews: unknown[] } | null,
  samples: [] as GradeSample[],
  errors: [] as string[]
}

/** The card row and the review log of the app's last grade, as stored: what the next bare grade writes again. */
async function captureGradeRows(): Promise<{ cardKey: string; logId: number }> {
  const db = await rawDb()
  const tx = db.transaction(['reviews', 'cards'], 'readonly')
  const cursor = await done(tx.objectStore('reviews').openCursor(null, 'prev'))
  const log = cursor!.value as { id: number; cardKey: string }
  const card: unknown = await done(tx.objectStore('cards').get(log.cardKey))
  if (!card) throw new Error(`the card ${log.cardKey} of the last review log is not stored`)
  grade.rows = { cards: [card], reviews: [log] }
  return { cardKey: log.cardKey, logId: log.id }
}

/** The next grade key goes to the limit, once: the rows of the app's last grade (captureGradeRows) put into `recall-bare`, a line, the frame. */
async function armBareGrade(): Promise<void> {
  const db = await writeDb()
  const rows = grade.rows
  if (!rows) throw new Error('no grade rows captured')
  line()
  const holder = window as unknown as { __bareGrade?: { handle: (start: number) => void } }
  holder.__bareGrade = {
    handle: (start) => {
      delete holder.__bareGrade
      const writeStart = performance.now()
      barePut(db, rows).then(
        async () => {
          const write = performance.now() - writeStart
          line().textContent = `bare grade ${grade.samples.length + 1}`
          const dom = performance.now() - start
          grade.samples.push({ dom, painted: (await afterPaint()) - start, write })
        },
        (error: unknown) => grade.errors.push(String(error))
      )
    }
  }
}

/** Where the grade's limit stands: its samples, its errors, whether a key is still awaited. */
function bareGrades() {
  return { samples: grade.samples, errors: grade.errors, armed: '__bareGrade' in window }
}

// ——— The import's limit ———

let imported: Record<string, unknown[]> | null = null

/** The rows an import wrote (the deck named `deckName`, its cards and notes, the media added since `since`), read back untimed. */
async function captureImport(deckName: string, since: number): Promise<{ deckId: string; counts: Record<string, number> }> {
  const db = await rawDb()
  const tx = db.transaction(['decks', 'cards', 'notes', 'media'], 'readonly')
  const deck = ((await done(tx.objectStore('decks').getAll())) as Array<{ id: string; name: string }>).find((d) => d.name === deckName)
  if (!deck) throw new Error(`no deck named ${deckName} after the import`)
  const [cards, notes, media] = await Promise.all([
    done(tx.objectStore('cards').index('deckId').getAll(IDBKeyRange.only(deck.id))),
    done(tx.objectStore('notes').index('deckId').getAll(IDBKeyRange.only(deck.id))),
    done(tx.objectStore('media').getAll()) as Promise<Array<{ added: number }>>
  ])
  imported = { decks: [deck], cards, notes, media: media.filter((m) => m.added >= since) }
  return { deckId: deck.id, counts: Object.fromEntries(Object.entries(imported).map(([k, v]) => [k, v.length])) }
}

/** Those rows put bare into the empty database of the same shape, one strict transaction: milliseconds until it commits. */
async function timeImportPut(): Promise<number> {
  if (!imported) throw new Error('no import captured')
  const db = await writeDb()
  const start = performance.now()
  await barePut(db, imported)
  imported = null
  return performance.now() - start
}

function close(): void {
  raw?.close()
  bareTarget?.close()
  raw = bareTarget = null
}

declare global {
  interface Window {
    benchInApp: typeof benchInApp
  }
}

const benchInApp = {
  armScreen,
  scrollToMiddle,
  dropFile,
  screenResult,
  rowsShown,
  armBare,
  bareResult,
  captureGradeRows,
  armBareGrade,
  bareGrades,
  captureImport,
  timeImportPut,
  close
}
window.benchInApp = benchInApp
