import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Runs the scheduling tests (study day, queue, golden replays, store) once per time zone, so that
 * day boundaries and daylight-saving changes are exercised where they differ.
 */
const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland']
const SUITES = [
  'tests/unit/renderer/core',
  'tests/unit/renderer/golden',
  'tests/unit/renderer/store',
  'tests/unit/renderer/db',
  'tests/unit/helpers'
]

/**
 * Then, lighter, only the golden tests (among them the independent oracle) and the FSRS-6
 * reference, in the zones where counting days by UTC date goes wrong most visibly: UTC−5, UTC+9,
 * UTC+5:30, UTC+13, UTC+14, a half-hour daylight-saving shift (Lord Howe), and UTC itself. A zone
 * of the first loop already ran them.
 */
const GOLDEN_ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Pacific/Apia', 'Pacific/Kiritimati', 'Australia/Lord_Howe']
const GOLDEN_SUITES = ['tests/unit/renderer/golden', 'tests/unit/helpers']
// Months of study through the store: the first loop's four zones cover its daylight-saving cases.
const GOLDEN_SKIPPED = ['tests/unit/renderer/golden/study-days.test.ts']

const runs = [
  ...ZONES.map((zone) => ({ zone, suites: SUITES, skipped: [] as string[] })),
  ...GOLDEN_ZONES.filter((zone) => !ZONES.includes(zone)).map((zone) => ({ zone, suites: GOLDEN_SUITES, skipped: GOLDEN_SKIPPED }))
]

/** The tests that failed in one zone's run, from vitest's JSON report: what the last lines of a CI log must name. */
function failuresOf(report: string): string[] {
  try {
    const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as {
      testResults: Array<{
        name: string
        message?: string
        assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>
      }>
    }
    return testResults.flatMap((file) => {
      const tests = file.assertionResults.filter((test) => test.status === 'failed')
      const where = file.name.slice(process.cwd().length + 1)
      if (tests.length === 0) return file.message ? [`${where}: ${file.message.split('\n')[0]}`] : []
      return tests.map((test) => `${where} > ${test.fullName}: ${(test.failureMessages[0] ?? '').split('\n')[0]}`)
    })
  } catch {
    return ['(no report: the run stopped before writing it)']
  }
}

const reports = mkdtempSync(join(tmpdir(), 'recall-tz-'))
const failed: string[] = []
runs.forEach(({ zone, suites, skipped }, i) => {
  console.log(`\n== TZ=${zone}: ${suites.join(' ')}`)
  const report = join(reports, `${i}.json`)
  const args = [
    'run',
    ...suites,
    ...skipped.flatMap((file) => ['--exclude', file]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`
  ]
  const result = spawnSync('node_modules/.bin/vitest', args, { stdio: 'inherit', env: { ...process.env, TZ: zone } })
  if (result.status !== 0) {
    console.error(`scheduling tests failed under TZ=${zone}`)
    failed.push(`TZ=${zone} at ${new Date().toISOString()}:`, ...failuresOf(report).map((line) => `  ${line}`))
  }
})
rmSync(reports, { recursive: true, force: true })
console.log(`\ntime zones: ${runs.length - failed.filter((line) => line.startsWith('TZ=')).length} passed`)
if (failed.length > 0) console.log(`failed:\n${failed.join('\n')}`)
process.exit(failed.length > 0 ? 1 : 0)
