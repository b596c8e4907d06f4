import type { Page } from 'playwright-core'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { legacyCollection, legacyMedia, packApkg, type FixtureNote } from '../fixtures/import/make-apkg'
import { HOSTILE_SVGS, MP3, pngOf } from '../fixtures/media/make-media'
import { importThroughDialog, newProfile, type Profile } from './browser'

const HOSTILE_NAME = '"><img src=x onerror=window.__xss=50>.png'
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Notes as an Anki deck of diagrams would have them: image-only answers, a sound, a formula, and worse. */
const NOTES: FixtureNote[] = [
  { guid: 'm1', fields: ['Which console is this?', '<img src="console shot.png" alt="The console">'], deck: 'Pictures' },
  { guid: 'm2', fields: ['{{c1::Amazon Polly}} reads text aloud [sound:polly.mp3]', ''], deck: 'Pictures' },
  {
    guid: 'm3',
    fields: ['The three stages, and F1', '<img src="a.png"><img src="b.png"><img src="c.png"><br>\\(F_1 = \\frac{2PR}{P+R}\\)'],
    deck: 'Pictures'
  },
  { guid: 'm4', fields: ['A picture that is not there', '<img src="not-there.png">'], deck: 'Pictures' },
  { guid: 'm5', fields: ['A drawing with a script', '<img src="evil.svg">'], deck: 'Pictures' },
  {
    guid: 'm6',
    fields: [
      'A hostile name and alt text',
      `<img src="${escapeHtml(HOSTILE_NAME)}" alt="${escapeHtml('<img src=x onerror=window.__xss=51>')}">`
    ],
    deck: 'Pictures'
  },
  { guid: 'm7', fields: ['A remote picture', '<img src="https://evil.example/pixel.png">'], deck: 'Pictures' }
]

async function picturesPackage(): Promise<Uint8Array> {
  const SQL = await initSqlJs()
  return packApkg({
    'collection.anki2': legacyCollection(SQL, NOTES),
    ...legacyMedia([
      { name: 'console shot.png', bytes: pngOf(7, 5, [200, 30, 30]) },
      { name: 'polly.mp3', bytes: MP3 },
      { name: 'a.png', bytes: pngOf(11, 3) },
      { name: 'b.png', bytes: pngOf(12, 3) },
      { name: 'c.png', bytes: pngOf(13, 3) },
      { name: 'evil.svg', bytes: HOSTILE_SVGS['script.svg']! },
      { name: HOSTILE_NAME, bytes: pngOf(9, 9) }
    ])
  })
}

interface CardSeen {
  question: string
  images: string[]
  placeholders: string[]
  sounds: number
  formulas: number
}

/** Studies every card of the open deck (Easy, so each leaves), noting what each answer shows. */
async function studyAll(page: Page, count: number): Promise<CardSeen[]> {
  const seen: CardSeen[] = []
  for (let i = 0; i < count; i++) {
    const question = page.getByTestId('question')
    await question.waitFor()
    const asked = await question.innerText()
    await page.keyboard.press('Space')
    await expect.poll(() => page.locator('[data-testid=answer], [data-cloze=answer]').count()).toBeGreaterThan(0)
    const card = page.locator('main')
    // Pictures are drawn from the collection: wait until every one has loaded (or failed).
    await expect.poll(() => card.locator('.media-loading').count(), { timeout: 5000 }).toBe(0)
    await expect
      .poll(() => card.locator('img.media-image').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete)))
      .toBe(true)
    // A formula is drawn once KaTeX has loaded (on the first card that needs it).
    await expect
      .poll(async () => !(await card.innerText()).includes('\\frac') || (await card.locator('.katex').count()) > 0, { timeout: 5000 })
      .toBe(true)
    seen.push({
      question: asked,
      images: await card
        .locator('img.media-image')
        .evaluateAll((imgs) =>
          imgs.map(
            (img) => `${(img as HTMLImageElement).naturalWidth}x${(img as HTMLImageElement).naturalHeight} ${img.getAttribute('alt')}`
          )
        ),
      placeholders: await card.locator('.media-placeholder').allInnerTexts(),
      sounds: await card.locator('audio[src^="blob:"]').count(),
      formulas: await card.locator('.katex').count()
    })
    await page.keyboard.press('4')
    // The next card, not this one's answer: a cloze's question reads differently once revealed.
    const answers = page.locator('[data-testid=answer], [data-cloze=answer]')
    await expect
      .poll(
        async () =>
          (await page.getByTestId('done').count()) > 0 ||
          ((await answers.count()) === 0 && (await question.innerText().catch(() => '')) !== asked)
      )
      .toBe(true)
  }
  return seen
}

describe('images and sounds in the web build', () => {
  let profiles: Profile[] = []
  beforeEach(() => {
    profiles = []
  })
  afterEach(async () => {
    await Promise.all(profiles.map((p) => p.remove()))
  })

  async function openRecall(): Promise<{ page: Page; profile: Profile; remote: string[]; dialogs: string[] }> {
    const profile = await newProfile()
    profiles.push(profile)
    const { page } = await profile.open()
    const remote: string[] = []
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(inject('baseUrl'))) return route.continue()
      remote.push(url)
      return route.abort()
    })
    await page.addInitScript(() => {
      const hits: unknown[] = []
      Object.defineProperty(window, '__xss', { configurable: false, get: () => hits, set: (v) => hits.push(v) })
    })
    await page.goto(inject('baseUrl'))
    await page
      .getByRole('button', { name: /^Study AWS ML/ })
      .first()
      .waitFor({ timeout: 20_000 })
    return { page, profile, remote, dialogs }
  }

  it('imports an Anki package with its pictures and sound, shows only the collection’s own media, runs nothing, and a restored backup shows the same', async () => {
    const { page, profile, remote, dialogs } = await openRecall()
    const file = join(profile.dir, 'pictures.apkg')
    await writeFile(file, await picturesPackage())
    await importThroughDialog(page, file, 'Import 7 notes', async (dialog) => {
      expect(await dialog.getByTestId('import-summary').innerText()).toMatch(/^7 notes and 6 images and sounds from pictures\.apkg/)
      const problems = await dialog.getByTestId('import-problems').innerText()
      expect(problems).toMatch(/"evil\.svg" carries a script; it was not imported/)
      expect(problems).toMatch(/"not-there\.png" is not in the file/)
      expect(problems).toMatch(/"https:\/\/evil\.example\/pixel\.png" is on the web/)
    })

    // A script-carrying SVG that reached the collection anyway (an old backup, say) is still only a picture.
    await page.evaluate(
      (svg) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('recall')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const bytes = new TextEncoder().encode(svg)
            const tx = open.result.transaction('media', 'readwrite')
            tx.objectStore('media').put({ name: 'evil.svg', hash: 'injected', type: 'image/svg+xml', size: bytes.length, bytes, added: 0 })
            tx.oncomplete = () => {
              open.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      new TextDecoder().decode(HOSTILE_SVGS['script.svg'])
    )
    // Read the collection afresh, as after a restart.
    await page.reload()
    await page.getByRole('button', { name: /^Study Pictures/ }).waitFor({ timeout: 20_000 })

    // A backup file saved now, to be restored on a fresh profile at the end.
    await page.getByRole('button', { name: 'Backups…' }).click()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save a backup file…' }).click()
    const backup = join(profile.dir, 'pictures.recall-backup')
    await (await download).saveAs(backup)
    await page.getByTestId('backups').getByRole('button', { name: 'Close' }).click()

    await page.getByRole('button', { name: /^Study Pictures/ }).click()
    const seen = await studyAll(page, 7)
    const of = (start: string) => seen.find((c) => c.question.startsWith(start))!
    expect(of('Which console')).toMatchObject({ images: ['7x5 The console'], placeholders: [] })
    expect(of('[…] reads text aloud')).toMatchObject({ sounds: 1 })
    expect(of('The three stages')).toMatchObject({ images: ['11x3 ', '12x3 ', '13x3 '], formulas: 1 })
    expect(of('A picture that is not')).toMatchObject({ images: [], placeholders: [expect.stringContaining('not-there.png')] })
    expect(of('A drawing with')?.images).toEqual(['40x20 '])
    // The alt text stays text: the "<" is a character of the alt attribute, never markup.
    expect(of('A hostile name')?.images).toEqual(['9x9 <img src=x onerror=window.__xss=51>'])
    expect(of('A remote picture')).toMatchObject({ images: [], placeholders: [expect.stringContaining('https://evil.example/pixel.png')] })
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as unknown as { __xss: unknown[] }).__xss)).toEqual([])
    expect(dialogs).toEqual([])
    expect(remote).toEqual([])
  })
})
