/**
 * Runs inside the app page before its own scripts (an init script). Times, with the page's own
 * clock: navigation start → the deck list is ready → the first question is painted (when
 * `bench.autoStudy` names a deck, its Study button is clicked the moment it appears, so no
 * think time is counted); and for each grade key, the key's event time → the next question is
 * in the DOM → the frame showing it has been painted (rAF, then a task after that frame).
 * While the grade's limit is armed (`__bareGrade`, set by the bench's in-app module), a grade key
 * goes to the limit instead: this listener, registered before any of the app's, keeps it from the
 * app and hands over its event time.
 * Must be self-contained: Playwright serialises it into the page.
 */
export function benchRecorder(): void {
  interface GradeSample {
    dom: number
    painted: number
    /** Key event time → our capture listener: the browser's input delay, before any app code runs. */
    input: number
    /** Pictures in the next question, and how many of them were not decoded yet in the painted frame. */
    images: number
    imagesNotReady: number
    formulas: number
  }
  const state = { listAt: -1, cardAt: -1, cardPaintedAt: -1, grades: [] as GradeSample[], done: false }
  ;(window as unknown as { __bench: typeof state }).__bench = state
  if (location.pathname.includes('/bench/')) return
  let auto: string | null = null
  try {
    auto = localStorage.getItem('bench.autoStudy')
  } catch {
    return
  }
  let pending: { t: number; input: number; text: string | null } | null = null
  const afterPaint = (then: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => then(performance.now())
      channel.port2.postMessage(0)
    })
  const question = () => document.querySelector('[data-testid="question"]')
  window.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      const bare = (window as unknown as { __bareGrade?: { handle: (start: number) => void } }).__bareGrade
      if (bare && /^[1-4]$/.test(event.key)) {
        event.stopImmediatePropagation()
        event.preventDefault()
        bare.handle(event.timeStamp)
        return
      }
      if (/^[1-4]$/.test(event.key))
        pending = { t: event.timeStamp, input: performance.now() - event.timeStamp, text: question()?.textContent ?? null }
    },
    true
  )
  new MutationObserver(() => {
    if (auto && state.listAt < 0) {
      const button = document.querySelector<HTMLButtonElement>(`button[aria-label^="Study ${auto}:"]`)
      if (button) {
        state.listAt = performance.now()
        button.click()
      }
    }
    const q = question()
    if (q && state.cardAt < 0) {
      state.cardAt = performance.now()
      afterPaint((t) => (state.cardPaintedAt = t))
    }
    if (pending && q && q.textContent !== pending.text) {
      const key = pending
      pending = null
      const shownAt = performance.now()
      afterPaint((t) => {
        // What the painted frame held: every picture loaded and decoded, or a stand-in.
        const images = [...q.querySelectorAll('img')]
        const notReady =
          images.filter((img) => !img.complete || img.naturalWidth === 0).length + q.querySelectorAll('.media-loading').length
        state.grades.push({
          dom: shownAt - key.t,
          painted: t - key.t,
          input: key.input,
          images: images.length,
          imagesNotReady: notReady,
          formulas: q.querySelectorAll('.katex').length
        })
      })
    } else if (pending && document.querySelector('[data-testid="done"]')) {
      pending = null
      state.done = true
    }
  }).observe(document, { subtree: true, childList: true, characterData: true })
}
