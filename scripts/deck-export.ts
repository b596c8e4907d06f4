import { buildApkg } from '@shared/deck/apkg-export'
import { importDeckFile, isAnkiPackage } from '@shared/deck/import-file'
import { formatProblem } from '@shared/deck/problems'
import { plural } from '@shared/plural'
import type { Deck } from '@shared/deck/schema'
import type { MediaFile } from '@shared/media/media-file'
import { readFile, writeFile } from 'node:fs/promises'
import initSqlJs from 'sql.js'

const EXPORT_USAGE = `  export <file...> --out <deck.apkg>     write the decks of the files (any deck format) as one Anki package, with their
                                        images and sounds, for Anki 2.1+ and AnkiDroid; every card new (a file holds no progress)`

/**
 * `npm run deck -- export <file...> --out <x.apkg>`: the files read as an import reads them, then
 * written with the app's own exporter (shared/deck/apkg-export.ts). Exit 0 when written, 1 when a
 * file had problems (the package is still written from what could be read), 2 when nothing was.
 */
export async function exportCommand(args: string[]): Promise<number> {
  const at = args.findIndex((a) => a === '--out' || a.startsWith('--out='))
  const out = at < 0 ? undefined : args[at] === '--out' ? args[at + 1] : args[at]!.slice('--out='.length)
  const files = args.filter((_, i) => at < 0 || (i !== at && !(args[at] === '--out' && i === at + 1)))
  if (!out || files.length === 0) {
    console.error(`Usage: npm run deck -- <command>\n${EXPORT_USAGE}`)
    return 2
  }
  const SQL = await initSqlJs()
  const decks: Array<{ deck: Deck }> = []
  const media = new Map<string, MediaFile>()
  let problems = 0
  for (const file of files) {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      console.error(`${file}: cannot read the file (${error.code ?? error.message})`)
      return undefined
    })
    if (!bytes) {
      problems++
      continue
    }
    const input = { name: file, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
    const result = await importDeckFile(input, isAnkiPackage(input) ? { sqlJs: SQL } : {})
    result.problems.forEach((p) => console.error(formatProblem(p)))
    problems += result.problems.length
    if (!result.deck) continue
    decks.push({ deck: result.deck })
    for (const m of result.media ?? []) if (!media.has(m.name)) media.set(m.name, { name: m.name, bytes: m.bytes })
  }
  if (decks.length === 0) {
    console.error('nothing to export: no deck could be read')
    return 2
  }
  const result = buildApkg({ decks, media: [...media.values()], now: Date.now() }, SQL)
  await writeFile(out, result.bytes)
  console.error(
    `wrote ${out}: ${plural(result.notes, 'note')}, ${plural(result.cards, 'card')} and ${plural(result.media, 'media file')} from ${plural(decks.length, 'deck')}`
  )
  return problems > 0 ? 1 : 0
}
