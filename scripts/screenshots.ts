import { existsSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { strToU8, zipSync } from 'fflate'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { chromiumPath, FLAGS } from './chromium'
import { serveFolder } from './static-server'
import { buildWeb, root } from './web-build'

// npx tsx scripts/screenshots.ts [--out .tmp/screens] [--only browse,study-answer] [--build] [--docs]
// A PNG of every main screen at three window sizes, light and dark, from a fresh profile: for
// comparing a change of layout before and after by eye. --docs instead takes the study card's
// pictures of docs/study-card.md into docs/screenshots/, from a small deck made for them.
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join('.tmp', 'screens') },
    only: { type: 'string' },
    build: { type: 'boolean', default: false },
    docs: { type: 'boolean', default: false }
  }
})

const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]
const SCHEMES = ['light', 'dark'] as const
// Its own build, so that the one `npm run web` serves (out/web) is never swapped under someone.
const buildDir = join(root, '.tmp', 'screens-web')
const FIRST_DECK = /^Study AIF-C01 · 1 Fundamentals of AI and ML/
const only = values.only ? new Set(values.only.split(',')) : undefined

/** The newest modification time of any file under `dir`. */
async function newest(dir: string): Promise<number> {
  let latest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs)
  }
  return latest
}

/** Builds the web app unless a build newer than every source file and deck is already there. */
async function ensureBuild(): Promise<void> {
  const index = join(buildDir, 'index.html')
  const built = existsSync(index) ? statSync(index).mtimeMs : 0
  const sources = Math.max(await newest(join(root, 'src')), await newest(join(root, 'decks')))
  if (!values.build && built > sources) return
  console.log(`Building the web app into ${buildDir}…`)
  await buildWeb(buildDir)
}

async function shoot(page: Page, out: string, name: string): Promise<void> {
  if (only && !only.has(name)) return
  // No hover highlight from wherever the last click left the pointer.
  await page.mouse.move(0, 0)
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForFunction((s) => document.documentElement.classList.contains(s), scheme)
      // Two frames: virtual lists and charts measure themselves after a resize.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
      await page.waitForTimeout(120)
      await page.screenshot({ path: join(out, `${name}-${size.width}x${size.height}-${scheme}.png`) })
    }
  }
  console.log(`  ${name}`)
}

const nav = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label, exact: true }).click()

async function openScreen(page: Page, label: string): Promise<void> {
  await nav(page, label)
  await page.locator('main h1').first().waitFor()
  await page.waitForLoadState('networkidle')
}

async function walk(page: Page, out: string, scratch: string): Promise<void> {
  await page.getByRole('button', { name: FIRST_DECK }).waitFor()
  await shoot(page, out, 'decks')

  await page.keyboard.press('?')
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
  await shoot(page, out, 'shortcut-sheet')
  await page.keyboard.press('Escape')
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  await page.getByRole('button', { name: FIRST_DECK }).click()
  await page.getByTestId('question').waitFor()
  await shoot(page, out, 'study-question')
  await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await shoot(page, out, 'study-answer')
  // A few grades, so that statistics and the exam plan have something to show.
  for (const key of ['3', 'Space', '1', 'Space', '3', 'Space', '4']) {
    await page.keyboard.press(key)
    await page.waitForTimeout(150)
  }
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: /^Options for AWS ML: chip/ }).click()
  await page.getByRole('heading', { name: /^Options/ }).waitFor()
  await page.waitForLoadState('networkidle')
  await shoot(page, out, 'options')

  await openScreen(page, 'Browse')
  await page.getByTestId('browse-row').first().waitFor()
  await shoot(page, out, 'browse')

  await openScreen(page, 'Add')
  await shoot(page, out, 'add')

  await openScreen(page, 'Practice')
  await shoot(page, out, 'practice')
  await page.getByRole('button', { name: 'Study AWS ML: service → purpose as multiple choice' }).click()
  await page.getByTestId('option').first().waitFor()
  await shoot(page, out, 'practice-mc-question')
  await page.keyboard.press('1')
  await page.getByTestId('feedback').waitFor()
  await shoot(page, out, 'practice-mc-feedback')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Start mock exam' }).click()
  await page.getByRole('timer', { name: 'Time left' }).waitFor()
  await shoot(page, out, 'mock-exam')
  await page.keyboard.press('a')
  await shoot(page, out, 'mock-exam-answered')
  await page.keyboard.press('Control+Enter')
  await page.getByRole('dialog', { name: 'Finish the mock exam?' }).waitFor()
  await page.keyboard.press('Enter')
  await page.getByTestId('score').waitFor()
  await shoot(page, out, 'mock-exam-result')
  await page.keyboard.press('Escape')
  await page.getByTestId('history').waitFor()

  await openScreen(page, 'Statistics')
  await shoot(page, out, 'stats')
  await openScreen(page, 'Exam plan')
  await shoot(page, out, 'exam-plan')
  await openScreen(page, 'Tools')
  await shoot(page, out, 'tools')

  await openScreen(page, 'Decks')
  const csv = join(scratch, 'sagemaker-basics.csv')
  await writeFile(
    csv,
    'front,back,tags\nWhat does SageMaker Clarify detect?,Bias in data and models; it explains predictions,clarify\n' +
      'Which service labels data with human workers?,SageMaker Ground Truth,labeling\n'
  )
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(csv)
  await page.getByTestId('import-dialog').getByTestId('import-summary').waitFor()
  await shoot(page, out, 'import-preview')
}

// The study card's documentation shows a term, a list, a formula and a picture, each the way a
// person meets them; the deck is written here so that the pictures can be taken again as they are.
const DEMO_NOTES = `---
id: study-card-demo
name: "Study card demo"
---

Which steps take a model on AWS from raw data to predictions in use?
?
1. Store the raw data in Amazon S3.
2. Clean, transform and label it (SageMaker Data Wrangler, Ground Truth).
3. Train and tune the model with SageMaker training jobs.
4. Evaluate it on data held out from training.
5. Deploy it to an endpoint and watch it with SageMaker Model Monitor.

Which metric balances precision and recall, and how is it computed?
?
The **F1 score**, their harmonic mean:
$$F_1 = 2 \\cdot \\frac{\\text{precision} \\cdot \\text{recall}}{\\text{precision} + \\text{recall}}$$
It is high only when both are high.

What does this confusion matrix say about the spam filter?
![Confusion matrix of a spam filter: 90 spam caught, 10 missed, 5 good mails flagged, 895 passed](matrix.png)
?
It catches 90 of 100 spam mails (recall 0.90) and flags 5 of 900 good mails as spam (precision 90/95 ≈ 0.95).
`

/** A confusion matrix drawn in the browser, as the demo deck's picture. */
async function matrixPng(context: BrowserContext): Promise<Uint8Array> {
  const page = await context.newPage()
  const cell = (x: number, y: number, n: string, what: string, fill: string) =>
    `<rect x="${x}" y="${y}" width="150" height="90" fill="${fill}"/><text x="${x + 75}" y="${y + 45}" font-size="28" font-weight="700" text-anchor="middle">${n}</text><text x="${x + 75}" y="${y + 72}" font-size="14" text-anchor="middle">${what}</text>`
  await page.setContent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="440" height="260" font-family="sans-serif" style="background:#fff">
      <text x="290" y="24" font-size="15" text-anchor="middle">predicted spam · predicted good</text>
      <text x="60" y="115" font-size="15" text-anchor="middle">is spam</text><text x="60" y="205" font-size="15" text-anchor="middle">is good</text>
      ${cell(135, 70, '90', 'true positive', '#bbf7d0')}${cell(290, 70, '10', 'false negative', '#fecaca')}
      ${cell(135, 165, '5', 'false positive', '#fecaca')}${cell(290, 165, '895', 'true negative', '#bbf7d0')}
    </svg>`
  )
  const png = await page.locator('svg').screenshot()
  await page.close()
  return png
}

async function importDemoDeck(page: Page, context: BrowserContext, scratch: string): Promise<void> {
  const zip = join(scratch, 'study-card-demo.zip')
  await writeFile(zip, zipSync({ 'notes.md': strToU8(DEMO_NOTES), 'matrix.png': await matrixPng(context) }))
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(zip)
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByRole('button', { name: /^Import 3 notes/ }).click()
  await dialog.getByRole('button', { name: 'Done' }).click()
}

/** docs/screenshots/: a term (light), a list and a picture at 1280×800, a formula in dark at 800×600. */
async function docsWalk(page: Page, context: BrowserContext, scratch: string): Promise<void> {
  const out = join(root, 'docs', 'screenshots')
  await mkdir(out, { recursive: true })
  const shot = async (name: string, width: number, height: number, scheme: 'light' | 'dark') => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForFunction((s) => document.documentElement.classList.contains(s), scheme)
    await page.mouse.move(0, 0)
    await page.waitForTimeout(150)
    await page.screenshot({ path: join(out, `${name}.png`) })
    console.log(`  docs/screenshots/${name}.png`)
  }
  await page.getByRole('button', { name: FIRST_DECK }).waitFor()
  await page.getByRole('button', { name: FIRST_DECK }).click()
  await page.getByTestId('question').waitFor()
  await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await shot('study-card-term', 1280, 800, 'light')
  await page.keyboard.press('Escape')

  await importDemoDeck(page, context, scratch)
  await page.getByRole('button', { name: /^Study Study card demo/ }).click()
  await page.getByTestId('question').waitFor()
  await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await shot('study-card-list', 1280, 800, 'light')
  await page.keyboard.press('3')
  await page.getByTestId('question').filter({ hasText: 'precision' }).waitFor()
  await page.keyboard.press('Space')
  await page.getByTestId('answer').locator('.katex').waitFor()
  await shot('study-card-formula-dark', 800, 600, 'dark')
  await page.keyboard.press('3')
  await page.locator('img.media-image').waitFor()
  await page.keyboard.press('Space')
  await page.getByTestId('answer').waitFor()
  await shot('study-card-picture', 1280, 800, 'light')
}

async function main(): Promise<void> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: set RECALL_CHROMIUM`)
  const out = resolve(values.out)
  await mkdir(out, { recursive: true })
  await ensureBuild()
  const server = await serveFolder(buildDir, 0)
  const profile = await mkdtemp(join(tmpdir(), 'recall-screens-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: FLAGS })
  try {
    // The welcome dialog is marked as seen (about:blank has no storage, hence the try).
    await context.addInitScript(() => {
      try {
        localStorage.setItem('recall.welcomeSeen', 'true')
      } catch {
        // nothing to mark on a page without storage
      }
    })
    const page = context.pages()[0] ?? (await context.newPage())
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(server.url)
    if (values.docs) {
      console.log('Screenshots of the study card:')
      await docsWalk(page, context, profile)
    } else {
      console.log(`Screenshots into ${out}:`)
      await walk(page, out, profile)
    }
    if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`)
  } finally {
    await context.close()
    await server.close()
    await rm(profile, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
