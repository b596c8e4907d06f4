import { spawnSync } from 'node:child_process'

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

let failed = 0
for (const { zone, suites, skipped } of runs) {
  console.log(`\n== TZ=${zone}: ${suites.join(' ')}`)
  const args = ['run', ...suites, ...skipped.flatMap((file) => ['--exclude', file])]
  const result = spawnSync('node_modules/.bin/vitest', args, { stdio: 'inherit', env: { ...process.env, TZ: zone } })
  if (result.status !== 0) {
    failed++
    console.error(`scheduling tests failed under TZ=${zone}`)
  }
}
console.log(`\ntime zones: ${runs.length - failed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
