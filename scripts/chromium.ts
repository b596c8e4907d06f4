/** The Chromium the end-to-end tests and the benchmark drive. No browser is ever downloaded. */

/** Debian's Chromium by default; RECALL_CHROMIUM points at another build. */
export const chromiumPath = process.env.RECALL_CHROMIUM ?? '/usr/bin/chromium'

/** Headless, no sandbox (containers), and nothing that reaches the network on its own. */
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run'
]
