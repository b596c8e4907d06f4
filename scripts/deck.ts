import { DECK_FORMATS, importDeckFile, isAnkiPackage, type DeckFormat } from '@shared/deck/import-file'
import { formatProblem, type DeckProblem } from '@shared/deck/problems'
import { serializeDeck } from '@shared/deck/read-deck-file'
import { plural } from '@shared/plural'
import { zipSync } from 'fflate'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import { generateBuiltInDecks, studyCardCount } from './deck-generate'
import { exportCommand } from './deck-export'

const USAGE = `Usage: npm run deck -- <command>
  generate [--check]                    build decks/*.json from decks/sources/*.md (--check: fail if they differ)
  convert <file> [--format <format>] [--strict]
                                        print the native deck JSON for a deck file, its images and sounds embedded (base64, "media");
                                        what could not be read goes to stderr, one problem a line with its line number.
                                        Exit 0: converted, no problems; 1: converted with problems (the cards that could be
                                        read are printed), or --strict and any problem (nothing printed); 2: nothing could be read
  validate <file...> [--format <format>] check deck files and report every problem with its line
  inspect <file> [--format <format>]    print one JSON line: the notes, study cards, media and problems an import would make
  export <file...> --out <deck.apkg>    write the decks as one Anki package (Anki 2.1+, AnkiDroid), images and sounds included
Deck files: native .json, other tools' JSON, Markdown notes, CSV/TSV (Anki, Quizlet, spreadsheets),
Anki packages (.apkg, .colpkg), and a folder (or .zip) of Markdown notes with the images they name. The format is recognised from the file unless --format is one of
${DECK_FORMATS.join(', ')}.`

const root = resolve(__dirname, '..')

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  if (command === 'generate') return generate(args.includes('--check'))
  if (command === 'export') return exportCommand(args)
  if (command !== 'convert' && command !== 'validate' && command !== 'inspect') return usage()
  const parsed = readFormatOption(args)
  if (typeof parsed === 'string') {
    console.error(parsed)
    return usage()
  }
  if (command === 'convert') return parsed.files.length === 1 ? convert(parsed.files[0]!, parsed.format, parsed.strict) : usage()
  if (command === 'inspect') return parsed.files.length === 1 ? inspect(parsed.files[0]!, parsed.format) : usage()
  return parsed.files.length > 0 ? validate(parsed.files, parsed.format) : usage()
}

/** `--format csv` or `--format=csv`, and `--strict`, anywhere among the file names. */
function readFormatOption(args: string[]): { files: string[]; format?: DeckFormat; strict: boolean } | string {
  const files: string[] = []
  let format: DeckFormat | undefined
  let strict = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--strict') {
      strict = true
      continue
    }
    if (arg !== '--format' && !arg.startsWith('--format=')) {
      files.push(arg)
      continue
    }
    const value = arg === '--format' ? args[++i] : arg.slice('--format='.length)
    if (!DECK_FORMATS.includes(value as DeckFormat)) return `unknown format "${value ?? ''}": use one of ${DECK_FORMATS.join(', ')}`
    format = value as DeckFormat
  }
  return { files, format, strict }
}

function usage(): number {
  console.error(USAGE)
  return 2
}

async function generate(check: boolean): Promise<number> {
  const { decks, problems } = await generateBuiltInDecks(root)
  report(problems)
  if (problems.length > 0) return 1
  let stale = 0
  for (const deck of decks) {
    const path = join(root, 'decks', deck.fileName)
    const current = await readFile(path, 'utf8').catch(() => null)
    if (current === deck.content) {
      console.log(`unchanged decks/${deck.fileName} (${plural(deck.deck.notes.length, 'note')}, ${plural(deck.cardCount, 'card')})`)
    } else if (check) {
      console.error(`decks/${deck.fileName} is out of date: run npm run decks`)
      stale++
    } else {
      await writeFile(path, deck.content)
      console.log(`wrote decks/${deck.fileName} (${plural(deck.deck.notes.length, 'note')}, ${plural(deck.cardCount, 'card')})`)
    }
  }
  return stale > 0 ? 1 : 0
}

let sqlJs: Promise<SqlJsStatic> | undefined

async function readDeck(file: string, format?: DeckFormat) {
  const folder = await stat(file)
    .then((s) => s.isDirectory())
    .catch(() => false)
  if (folder) return importDeckFile({ name: `${file.replace(/[\\/]+$/, '')}.zip`, bytes: await zipFolder(file) })
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read the file (${error.code ?? error.message})`)
  })
  const input = { name: file, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
  // In Node, sql.js finds its wasm next to its module; load it only for Anki packages.
  const sql = isAnkiPackage(input, format) ? await (sqlJs ??= initSqlJs()) : undefined
  // Images a Markdown file names by relative path are read from beside it (never above its folder).
  const readBeside = (path: string) =>
    readFile(join(dirname(file), path)).then(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      () => undefined
    )
  return importDeckFile(input, { format, sqlJs: sql, readBeside })
}

/** A folder of notes as the zip the app takes (stored, not compressed); hidden files are left out. */
async function zipFolder(root: string): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {}
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) files[relative(root, path).split('\\').join('/')] = new Uint8Array(await readFile(path))
    }
  }
  await walk(root)
  return zipSync(files, { level: 0 })
}

/**
 * Prints what could be read and says on stderr what could not, as the app imports it: exit 0 when
 * the whole file converted, 1 when some of it did (or, with --strict, when anything is wrong: then
 * nothing is printed), 2 when nothing could be read.
 */
async function convert(file: string, format?: DeckFormat, strict = false): Promise<number> {
  const result = await readDeck(file, format).catch((error: Error) => {
    console.error(error.message)
    return undefined
  })
  if (!result) return 2
  const { deck, problems } = result
  report(problems)
  if (!deck) {
    console.error(`${file}: nothing could be converted${problems.length > 1 ? ` (${plural(problems.length, 'problem')})` : ''}`)
    return 2
  }
  if (problems.length > 0 && strict) {
    console.error(`${file}: not converted: --strict refuses a file with problems, and this one has ${plural(problems.length, 'problem')}`)
    return 1
  }
  process.stdout.write(serializeDeck(deck, result.media))
  if (problems.length === 0) return 0
  console.error(`${file}: converted ${plural(deck.notes.length, 'note')}; ${plural(problems.length, 'problem')} (see above)`)
  return 1
}

/**
 * What importing a file would make, as one JSON line; each problem also goes to stderr with its
 * line. `media` counts the images and sounds that would enter the collection.
 */
async function inspect(file: string, format?: DeckFormat): Promise<number> {
  const result = await readDeck(file, format)
  report(result.problems)
  const deck = result.deck
  console.log(
    JSON.stringify({
      notes: deck?.notes.length ?? 0,
      cards: deck ? studyCardCount(deck) : 0,
      media: result.media?.length ?? 0,
      problems: result.problems.length
    })
  )
  return 0
}

async function validate(files: string[], format?: DeckFormat): Promise<number> {
  let failed = 0
  for (const file of files) {
    const result = await readDeck(file, format)
    report(result.problems)
    if (result.deck && result.problems.length === 0)
      console.log(`${file}: ok, ${plural(result.deck.notes.length, 'note')}, ${plural(studyCardCount(result.deck), 'card')}`)
    else failed++
  }
  return failed > 0 ? 1 : 0
}

/** Each problem on stderr, in the order of the lines they are on (problems of the whole file first). */
function report(problems: readonly DeckProblem[]): void {
  const ordered = problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
  for (const { p } of ordered) console.error(formatProblem(p))
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error.message)
    process.exitCode = 1
  }
)
