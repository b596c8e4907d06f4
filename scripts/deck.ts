import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { formatProblem } from '../src/shared/deck/problems'
import { readDeckFile, serializeDeck } from '../src/shared/deck/read-deck-file'
import { generateBuiltInDecks } from './deck-generate'

const USAGE = `Usage: npm run deck -- <command>
  generate [--check]   build decks/*.json from decks/sources/*.md (--check: fail if they differ)
  convert <file>       print the native deck JSON for a deck file (.json or Markdown notes)
  validate <file...>   check deck files and report every problem with its line`

const root = resolve(__dirname, '..')

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  switch (command) {
    case 'generate':
      return generate(args.includes('--check'))
    case 'convert':
      return args.length === 1 ? convert(args[0]!) : usage()
    case 'validate':
      return args.length > 0 ? validate(args) : usage()
    default:
      return usage()
  }
}

function usage(): number {
  console.error(USAGE)
  return 2
}

async function generate(check: boolean): Promise<number> {
  const { decks, problems } = await generateBuiltInDecks(root)
  problems.forEach((p) => console.error(formatProblem(p)))
  if (problems.length > 0) return 1
  let stale = 0
  for (const deck of decks) {
    const path = join(root, 'decks', deck.fileName)
    const current = await readFile(path, 'utf8').catch(() => null)
    if (current === deck.content) {
      console.log(`unchanged decks/${deck.fileName} (${deck.cardCount} cards)`)
    } else if (check) {
      console.error(`decks/${deck.fileName} is out of date: run npm run decks`)
      stale++
    } else {
      await writeFile(path, deck.content)
      console.log(`wrote decks/${deck.fileName} (${deck.cardCount} cards)`)
    }
  }
  return stale > 0 ? 1 : 0
}

async function readDeck(file: string) {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file}: cannot read the file (${error.code ?? error.message})`)
  })
  return readDeckFile(text, file)
}

async function convert(file: string): Promise<number> {
  const result = await readDeck(file)
  result.problems.forEach((p) => console.error(formatProblem(p)))
  if (!result.deck || result.problems.length > 0) return 1
  process.stdout.write(serializeDeck(result.deck))
  return 0
}

async function validate(files: string[]): Promise<number> {
  let failed = 0
  for (const file of files) {
    const result = await readDeck(file)
    result.problems.forEach((p) => console.error(formatProblem(p)))
    if (result.deck && result.problems.length === 0) console.log(`${file}: ok, ${result.deck.cards.length} cards`)
    else failed++
  }
  return failed > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(error.message)
    process.exitCode = 1
  }
)
