import { spawnSync } from 'node:child_process'

/**
 * Runs the scheduling tests (study day, queue, golden replays, store) once per time zone, so that
 * day boundaries and daylight-saving changes are exercised where they differ.
 */
const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland']
const SUITES = ['tests/unit/renderer/core', 'tests/unit/renderer/golden', 'tests/unit/renderer/store', 'tests/unit/renderer/db']

let failed = 0
for (const zone of ZONES) {
  console.log(`\n== TZ=${zone}`)
  const result = spawnSync('node_modules/.bin/vitest', ['run', ...SUITES], { stdio: 'inherit', env: { ...process.env, TZ: zone } })
  if (result.status !== 0) {
    failed++
    console.error(`scheduling tests failed under TZ=${zone}`)
  }
}
console.log(`\ntime zones: ${ZONES.length - failed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
