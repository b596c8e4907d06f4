import type { BrowserContext, Page } from 'playwright-core'
import { loadInApp, type Profile } from './browser-setup'

interface RecorderState {
  listAt: number
  cardAt: number
  cardPaintedAt: number
  grades: Array<{ dom: number; painted: number; input: number; images: number; imagesNotReady: number; formulas: number }>
  done: boolean
}

const recorder = (page: Page) => page.evaluate(() => (window as unknown as { __bench: RecorderState }).__bench)

/** The bare first-card page (first-card-page.ts), beside the app. */
const barePage = (baseUrl: string) => `${baseUrl}bench/first-card.html`

export interface Loads {
  list: number[]
  card: number[]
}

/**
 * One load of `url` as the recorder (or the bare page) times it on the page's clock: navigation
 * start → deck list → first question painted. The app's Study button is clicked the moment the
 * list shows it (`bench.autoStudy`), so no think time is counted. With `requests`, every URL the
 * page asked for until then is kept (what a first start downloads).
 */
async function oneLoad(page: Page, url: string, into: Loads, requests?: string[]) {
  const listen = (request: { url(): string }) => requests?.push(request.url())
  page.on('request', listen)
  try {
    await page.goto(url)
    await page.waitForFunction(() => ((window as unknown as { __bench?: RecorderState }).__bench?.cardPaintedAt ?? -1) >= 0, undefined, {
      timeout: 900_000,
      polling: 10
    })
  } finally {
    page.off('request', listen)
  }
  const r = await recorder(page)
  into.list.push(r.listAt)
  into.card.push(r.cardPaintedAt)
}

const setAutoStudy = (page: Page, deckName: string | null) =>
  page.evaluate((name) => (name ? localStorage.setItem('bench.autoStudy', name) : localStorage.removeItem('bench.autoStudy')), deckName)

/** The app's first start in this profile (after the collection was seeded at an older version): one load, and what it downloaded. */
export async function firstStart(page: Page, baseUrl: string, deckName: string) {
  await setAutoStudy(page, deckName)
  const app: Loads = { list: [], card: [] }
  const requests: string[] = []
  await oneLoad(page, baseUrl, app, requests)
  await setAutoStudy(page, null)
  return { app, requests }
}

/**
 * `loads` loads of the app, each followed by one of the bare first-card page; with `profile`, the
 * browser is restarted before every load (a cold start: new processes, the disk caches kept).
 */
export async function firstCardLoads(page: Page, baseUrl: string, deckName: string, loads: number, profile?: Profile) {
  await setAutoStudy(page, deckName)
  const app: Loads = { list: [], card: [] }
  const bare: Loads = { list: [], card: [] }
  // What the first of the app's loads asked for: an ordinary start's download (the cache answers some).
  const requests: string[] = []
  for (let i = 0; i < loads; i++) {
    for (const [url, into] of [
      [baseUrl, app],
      [barePage(baseUrl), bare]
    ] as const) {
      if (profile) await profile.relaunch()
      await oneLoad(profile?.page ?? page, url, into, i === 0 && into === app ? requests : undefined)
    }
  }
  await setAutoStudy(profile?.page ?? page, null)
  return { app, bare, requests }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Shows the answer (Space); false when no question is waiting. */
async function reveal(page: Page) {
  await page.keyboard.press('Space')
  return page
    .waitForSelector('[data-testid="answer"]', { timeout: 10_000 })
    .then(() => true)
    .catch(() => false)
}

/**
 * Waits for the recorder's next grade sample. Polled on a timer: Playwright's default polls on
 * requestAnimationFrame, which asks for frames during the grade, and the frame showing the next
 * card then waits a whole interval behind one. False when the session ran out of cards.
 */
async function nextGrade(page: Page, before: number) {
  const next = await page
    .waitForFunction(
      (n) => {
        const b = (window as unknown as { __bench: RecorderState }).__bench
        return b.grades.length > n || b.done
      },
      before,
      { timeout: 10_000, polling: 10 }
    )
    .then(() => true)
    .catch(() => false)
  return next && !(await recorder(page)).done
}

/**
 * Grades with a person's pauses, each followed by a sample of its limit: the answer shown, a
 * think time, the grade key (3; every tenth 1); then the rows that grade wrote are read back,
 * another think time, and the same key goes to the limit (in-app-page.ts), which writes those
 * rows again bare. `thinks` holds two pauses per grade.
 */
export async function thinkTimeGrades(page: Page, baseUrl: string, count: number, thinks: readonly number[]) {
  await loadInApp(page, baseUrl)
  for (let i = 0; i < count; i++) {
    const before = (await recorder(page)).grades.length
    if (!(await reveal(page))) break
    await pause(thinks[2 * i]!)
    await page.keyboard.press(i % 10 === 9 ? '1' : '3')
    if (!(await nextGrade(page, before))) break
    await page.evaluate(() => window.benchInApp.captureGradeRows())
    await page.evaluate(() => window.benchInApp.armBareGrade())
    await pause(thinks[2 * i + 1]!)
    await page.keyboard.press('3')
    const sampled = await page
      .waitForFunction((n) => window.benchInApp.bareGrades().samples.length > n, i, { timeout: 60_000, polling: 10 })
      .then(() => true)
      .catch(() => false)
    if (!sampled)
      throw new Error(`the grade's limit took no sample: ${JSON.stringify(await page.evaluate(() => window.benchInApp.bareGrades()))}`)
  }
  const r = await recorder(page)
  const bare = (await page.evaluate(() => window.benchInApp.bareGrades())).samples
  return {
    app: { dom: r.grades.map((g) => g.dom), painted: r.grades.map((g) => g.painted), input: r.grades.map((g) => g.input) },
    bare: { dom: bare.map((g) => g.dom), painted: bare.map((g) => g.painted), write: bare.map((g) => g.write) }
  }
}

/**
 * Grades `count` cards of the session on screen (Space, `readMs` later 3), and returns key → next
 * question painted as the page measured it, and what that frame held.
 */
export async function gradeLoop(page: Page, count: number, readMs: number) {
  const first = (await recorder(page)).grades.length
  for (let i = 0; i < count; i++) {
    const before = (await recorder(page)).grades.length
    if (!(await reveal(page))) break
    await page.waitForTimeout(readMs)
    await page.keyboard.press('3')
    if (!(await nextGrade(page, before))) break
  }
  const grades = (await recorder(page)).grades.slice(first)
  return {
    painted: grades.map((g) => g.painted),
    images: grades.map((g) => g.images),
    imagesNotReady: grades.map((g) => g.imagesNotReady),
    formulas: grades.map((g) => g.formulas)
  }
}

/**
 * The JavaScript heap after a full garbage collection (CDP), in bytes: the page's, plus each of
 * its dedicated workers' (Browse's search columns and the journal live in workers). Workers are
 * reached through CDP's auto-attach, unflattened, so that this session's messages go to them
 * without Playwright's own sessions noticing.
 */
export async function heapUsed(context: BrowserContext, page: Page): Promise<number> {
  const { page: own, workers } = await heapParts(context, page)
  return own + workers
}

/** `heapUsed` in its two parts: the page's own heap, and its dedicated workers' together. */
export async function heapParts(context: BrowserContext, page: Page): Promise<{ page: number; workers: number }> {
  const cdp = await context.newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return { page: usedSize, workers: await workerHeaps(cdp) }
  } finally {
    await cdp.detach()
  }
}

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>

async function workerHeaps(cdp: Cdp): Promise<number> {
  const workers: string[] = []
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.push(event.sessionId)
  })
  const replies = new Map<number, (result: unknown) => void>()
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown }
    if (message.id !== undefined) replies.get(message.id)?.(message.result)
  })
  let id = 0
  const inWorker = <T>(sessionId: string, method: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const mine = ++id
      const timer = setTimeout(() => reject(new Error(`${method} in a worker did not answer`)), 30_000)
      replies.set(mine, (result) => {
        clearTimeout(timer)
        resolve(result as T)
      })
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) }).catch(reject)
    })
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  // The workers already running are reported as the auto-attach is set.
  await new Promise((resolve) => setTimeout(resolve, 200))
  let total = 0
  for (const session of workers) {
    await inWorker(session, 'HeapProfiler.collectGarbage').catch(() => undefined)
    total += (await inWorker<{ usedSize: number }>(session, 'Runtime.getHeapUsage')).usedSize
  }
  await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false })
  return total
}
