/** How long a screen's code may take to arrive before focus is left where it is. */
const WAIT_MS = 10_000

/**
 * After the top navigation opens a screen, focus moves to the new screen's heading (`main h1`),
 * so that a keyboard or screen-reader user starts on the screen they chose rather than back at the
 * navigation. A screen fetched on first use arrives a moment later, so this waits for its heading;
 * a screen that focuses one of its own controls as it opens (the deck list its first deck) keeps
 * that focus. `sameScreen`: the navigation chose the screen already shown.
 */
export function focusScreenHeading(nav: Element, sameScreen: boolean): void {
  const previous = sameScreen ? null : document.querySelector('main h1')
  const settle = (): boolean => {
    const active = document.activeElement
    if (active && active !== document.body && !nav.contains(active)) return true
    const heading = document.querySelector<HTMLElement>('main h1')
    if (!heading || heading === previous) return false
    heading.tabIndex = -1
    heading.focus()
    return true
  }
  if (settle()) return
  const observer = new MutationObserver(() => {
    if (settle()) stop()
  })
  const timer = setTimeout(stop, WAIT_MS)
  function stop() {
    observer.disconnect()
    clearTimeout(timer)
  }
  observer.observe(document.body, { childList: true, subtree: true })
}
