import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, resolve, sep } from 'node:path'

/**
 * `npm run security`: runs Electronegativity over src/ and fails on any finding that
 * docs/security.md does not explain, and on any explanation whose finding is gone (so the
 * document stays true). Accepted findings are the rows of the "Accepted Electronegativity
 * findings" table: `CHECK_ID` | `src/file` | why.
 */

export interface AcceptedFinding {
  check: string
  file: string
  reason: string
}

export interface Finding {
  check: string
  file: string
  line: number
  column: number
  description: string
}

export const ACCEPTED_SECTION = '## Accepted Electronegativity findings'
const ROW = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/

/** The accepted-findings table of docs/security.md; a row without a real reason is an error. */
export function parseAcceptedFindings(markdown: string): AcceptedFinding[] {
  const lines = markdown.split(/\r?\n/)
  const start = lines.findIndex((line) => line.trim() === ACCEPTED_SECTION)
  if (start === -1) throw new Error(`docs/security.md has no "${ACCEPTED_SECTION}" section`)
  const accepted: AcceptedFinding[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break
    const row = ROW.exec(line.trim())
    if (!row) continue
    const reason = row[3]!.trim()
    if (reason.length < 20) throw new Error(`docs/security.md: accepted finding ${row[1]} in ${row[2]} needs a reason`)
    accepted.push({ check: row[1]!, file: row[2]!, reason })
  }
  return accepted
}

export interface Comparison {
  explained: Finding[]
  unexplained: Finding[]
  /** Rows of the table that no longer match any finding. */
  stale: AcceptedFinding[]
}

export function compareFindings(findings: readonly Finding[], accepted: readonly AcceptedFinding[]): Comparison {
  const matches = (f: Finding, a: AcceptedFinding) => f.check === a.check && f.file === a.file
  return {
    explained: findings.filter((f) => accepted.some((a) => matches(f, a))),
    unexplained: findings.filter((f) => !accepted.some((a) => matches(f, a))),
    stale: accepted.filter((a) => !findings.some((f) => matches(f, a)))
  }
}

interface ElectronegativityIssue {
  id: string
  file: string
  location: { line: number; column: number }
  description: string
}

interface ElectronegativityResult {
  issues: ElectronegativityIssue[]
  errors: { file: string; message: string; tolerable: boolean }[]
}

type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<ElectronegativityResult>

async function main(): Promise<number> {
  const root = resolve(__dirname, '..')
  const input = resolve(root, 'src')
  // Without the real version Electronegativity assumes Electron 0.1 and reports the defaults of
  // 2016 (remote module on, no context isolation) as findings.
  const electronVersion = (JSON.parse(await readFile(resolve(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
    .version
  // The package ships no types; its CommonJS entry is the programmatic runner.
  const run = createRequire(__filename)('@doyensec/electronegativity') as Run
  const result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, parserPlugins: [] }, false)

  const findings: Finding[] = result.issues.map((issue) => ({
    check: issue.id,
    file: `src/${issue.file.split(sep).join('/')}`,
    line: issue.location.line,
    column: issue.location.column,
    description: issue.description
  }))
  const accepted = parseAcceptedFindings(await readFile(resolve(root, 'docs/security.md'), 'utf8'))
  const { explained, unexplained, stale } = compareFindings(findings, accepted)
  const unparsed = result.errors.filter((e) => !e.tolerable)

  console.log(
    `\nElectronegativity (Electron ${electronVersion}) over src/: ${findings.length} findings, ${explained.length} explained in docs/security.md`
  )
  for (const f of explained) console.log(`  accepted    ${f.check}  ${f.file}:${f.line}:${f.column}`)
  for (const f of unexplained) console.error(`  UNEXPLAINED ${f.check}  ${f.file}:${f.line}:${f.column}  ${f.description}`)
  for (const a of stale)
    console.error(`  STALE       ${a.check}  ${a.file}: docs/security.md accepts a finding that is no longer reported; remove the row`)
  for (const e of unparsed) console.error(`  NOT SCANNED ${e.file}: ${e.message}`)

  if (unexplained.length + stale.length + unparsed.length > 0) {
    console.error('\nFix the code, or explain the finding in the "Accepted Electronegativity findings" table of docs/security.md.')
    return 1
  }
  console.log('No unexplained findings.')
  return 0
}

// Run only as the command, not when a test imports the functions above.
if (basename(process.argv[1] ?? '') === 'security-scan.ts') {
  main().then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(error.stack ?? error.message)
      process.exitCode = 1
    }
  )
}
