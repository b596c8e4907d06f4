import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { chromiumPath, FLAGS } from '../../scripts/chromium'

export { chromiumPath, FLAGS }

export interface Profile {
  dir: string
  /** `welcome: true` keeps the first-run welcome dialog; by default it is marked as seen. */
  open(options?: { welcome?: boolean }): Promise<{ context: BrowserContext; page: Page }>
  /** Closes every browser this profile opened and deletes it. */
  remove(): Promise<void>
}

/** A fresh Chromium profile that can be opened, closed and opened again (a restart). */
export async function newProfile(): Promise<Profile> {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium, or set RECALL_CHROMIUM`)
  const dir = await mkdtemp(join(tmpdir(), 'recall-e2e-'))
  const opened: BrowserContext[] = []
  return {
    dir,
    async open({ welcome = false } = {}) {
      const context = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath, headless: true, args: FLAGS })
      opened.push(context)
      // The app keeps a copy of "welcome seen" in localStorage for its first paint and honours it.
      if (!welcome) await context.addInitScript(dismissWelcome)
      const page = context.pages()[0] ?? (await context.newPage())
      page.on('pageerror', (error) => {
        throw error
      })
      return { context, page }
    },
    async remove() {
      await Promise.all(opened.map((c) => c.close().catch(() => undefined)))
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export function dismissWelcome() {
  try {
    localStorage.setItem('recall.welcomeSeen', 'true')
  } catch {
    // about:blank has no storage; the app's own pages do.
  }
}

/** Every row of one of the collection's stores, read straight from IndexedDB, without going through the app. */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('recall')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll()
          request.onsuccess = () => {
            resolve(request.result as T[])
            open.result.close()
          }
          request.onerror = () => reject(request.error)
        }
      }),
    store
  )
}

/** Reads the review log straight from IndexedDB, without going through the app. */
export async function readReviewLog(page: Page): Promise<Array<{ cardKey: string; rating: number }>> {
  return (await readStore<{ cardKey: string; rating: number }>(page, 'reviews')).map((r) => ({ cardKey: r.cardKey, rating: r.rating }))
}

/**
 * Imports a file as a person does: Import…, the file, its preview (which `preview` may look at),
 * the import button, Done.
 */
export async function importThroughDialog(
  page: Page,
  file: string,
  importButton: string | RegExp,
  preview?: (dialog: Locator) => Promise<void>
): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(file)
  const dialog = page.getByTestId('import-dialog')
  await dialog.getByTestId('import-summary').waitFor()
  await preview?.(dialog)
  await dialog.getByRole('button', { name: importButton }).click()
  await dialog.getByRole('button', { name: 'Done' }).click()
}
