import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { expect, inject, it } from 'vitest'
import { legacyCollection, legacyMedia, packApkg } from '../fixtures/import/make-apkg'
import { pngOf } from '../fixtures/media/make-media'
import { importThroughDialog } from './browser'
import { linkFolder, syncNow, withTwoBrowsersOverSyncthing } from './sync-browsers'
import { listFolder, syncthingInstalled } from './syncthing'

/*
 * Issue 24's media, with the real engine: a picture imported on one machine reaches the other
 * through Syncthing (its bytes under `recall/<device>/media/<sha-256>`, its name in a segment),
 * and the other machine's card shows it.
 */
const available = syncthingInstalled() || Boolean(process.env.CI)
if (!available) console.warn('Skipping the Syncthing media test: syncthing is not installed (apt-get install -y syncthing).')

const mediaFiles = (folder: string) => listFolder(folder).filter((path) => /^recall\/[0-9a-f]{16}\/media\/[0-9a-f]{64}$/.test(path))

it.skipIf(!available)('a picture imported on one machine shows on the other, carried by Syncthing', async () => {
  await withTwoBrowsersOverSyncthing(async ({ cluster, a, b, profiles }) => {
    const [folderA, folderB] = cluster.instances.map((i) => i.folder) as [string, string]

    const SQL = await initSqlJs()
    const file = join(profiles[0]!.dir, 'console.apkg')
    await writeFile(
      file,
      packApkg({
        'collection.anki2': legacyCollection(SQL, [
          { guid: 'p1', fields: ['Which console is this?', '<img src="console shot.png" alt="The console">'], deck: 'Consoles' }
        ]),
        ...legacyMedia([{ name: 'console shot.png', bytes: pngOf(7, 5, [200, 30, 30]) }])
      })
    )
    await a
      .getByRole('button', { name: /^Study AWS ML/ })
      .first()
      .waitFor({ timeout: 20_000 })
    await importThroughDialog(a, file, 'Import 1 note')

    await linkFolder(a, 'Share this collection')
    await syncNow(a)
    await expect.poll(() => mediaFiles(folderA).length, { timeout: 30_000 }).toBe(1)
    await cluster.waitInSync()
    expect(mediaFiles(folderB)).toEqual(mediaFiles(folderA))

    await linkFolder(b, 'Merge both collections')
    await syncNow(b)

    await b.goto(inject('baseUrl'))
    await b.getByRole('button', { name: /^Study Consoles/ }).click({ timeout: 20_000 })
    await b.getByTestId('question').waitFor()
    await b.keyboard.press('Space')
    const picture = b.locator('main img.media-image')
    await expect.poll(() => picture.count(), { timeout: 10_000 }).toBe(1)
    await expect
      .poll(
        () =>
          picture.evaluate(
            (img) => `${(img as HTMLImageElement).naturalWidth}x${(img as HTMLImageElement).naturalHeight} ${img.getAttribute('alt')}`
          ),
        {
          timeout: 10_000
        }
      )
      .toBe('7x5 The console')
  })
})
