import type { BrowserContext, Page } from 'playwright-core'

interface RecorderState {
  listAt: number
  cardAt: number
  cardPaintedAt: number
  grades: Array<{ dom: number; painted: number; input: number; pause: number; images: number; imagesNotReady: number; formulas: number }>
  done: boolean
}

const recorder = (page: Page) => page.evaluate(() => (window as unknown as { __bench: RecorderState }).__bench)

/**
 * Loads the app `loads` times with the deck list set to open `deckName` at once, and returns the
 * page's own timings of each load (milliseconds from navigation start).
 */
export async function firstCardLoads(page: Page, baseUrl: string, deckName: string, loads: number) {
  await page.evaluate((name) => localStorage.setItem('bench.autoStudy', name), deckName)
  const list: number[] = []
  const card: number[] = []
  for (let i = 0; i < loads; i++) {
    await page.goto(baseUrl)
    await page.waitForFunction(() => ((window as unknown as { __bench?: RecorderState }).__bench?.cardPaintedAt ?? -1) >= 0, undefined, {
      timeout: 120_000,
      polling: 10
    })
    const r = await recorder(page)
    list.push(r.listAt)
    card.push(r.cardPaintedAt)
  }
  await page.evaluate(() => localStorage.removeItem('bench.autoStudy'))
  return { list, card }
}

/**
 * Grades `count` cards of the session on screen by keyboard (Space, `readMs` later 3 — every tenth 1), and
 * returns key → next question in the DOM and key → painted, as the page measured them, and the
 * pause before each grade after the first (previous grade's question shown → this key).
 */
export async function gradeLoop(page: Page, count: number, readMs = 0) {
  for (let i = 0; i < count; i++) {
    const before = (await recorder(page)).grades.length
    await page.keyboard.press('Space')
    const revealed = await page
      .waitForSelector('[data-testid="answer"]', { timeout: 10_000 })
      .then(() => true)
      .catch(() => false)
    if (!revealed) break
    // Time reading the answer, as a person takes (0: grade at once).
    if (readMs > 0) await page.waitForTimeout(readMs)
    await page.keyboard.press(i % 10 === 9 ? '1' : '3')
    // No new question within 10 s: the session ran out of cards (done, or only a learning card
    // waiting, which may be the same card again); the grades so far are the sample. Polled on a
    // timer: Playwright's default polls on requestAnimationFrame, which asks for frames during
    // the grade, and the frame showing the next card then waits a whole interval behind one.
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
    if (!next || (await recorder(page)).done) break
  }
  const r = await recorder(page)
  return {
    dom: r.grades.map((g) => g.dom),
    painted: r.grades.map((g) => g.painted),
    input: r.grades.map((g) => g.input),
    pause: r.grades.map((g) => g.pause).filter(Number.isFinite),
    images: r.grades.map((g) => g.images),
    imagesNotReady: r.grades.map((g) => g.imagesNotReady),
    formulas: r.grades.map((g) => g.formulas)
  }
}

const FRAME_MS = 1000 / 60

/**
 * The grade's bare limit from real keys, on the bench page (`armKeyedWrites` there): `count` key
 * presses, each after `pauseMs` less the runner's own round trip, plus up to one frame interval
 * (the grades' pauses vary as much, so keys land at every point of the frame cycle).
 */
export async function keyedBareGrades(page: Page, count: number, pauseMs: number) {
  await page.evaluate(() => window.bench.armKeyedWrites())
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pauseMs - 10) + Math.random() * FRAME_MS))
    await page.keyboard.press('3')
    await page.waitForFunction((n) => window.bench.keyedCount() > n, i, { timeout: 10_000, polling: 10 })
  }
  const samples = await page.evaluate(() => window.bench.stopKeyedWrites())
  return {
    dom: samples.map((s) => s.dom),
    painted: samples.map((s) => s.painted),
    pause: samples.map((s) => s.pause).filter(Number.isFinite)
  }
}

/** The renderer's JavaScript heap after a full garbage collection, and its DOM node count. */
export async function rendererMemory(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN
  return { heapUsed: get('JSHeapUsedSize'), heapTotal: get('JSHeapTotalSize'), nodes: get('Nodes') }
}
