import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compareFindings, parseAcceptedFindings, type Finding } from '../../../scripts/security-scan'

const finding = (check: string, file: string): Finding => ({ check, file, line: 1, column: 0, description: '' })

describe('the accepted Electronegativity findings of docs/security.md', () => {
  const accepted = parseAcceptedFindings(readFileSync('docs/security.md', 'utf8'))

  it('name real checks and real files, each with a reason', () => {
    const checks = readdirSync('node_modules/@doyensec/electronegativity/dist/finder/checks', { recursive: true, encoding: 'utf8' })
      .filter((f) => String(f).endsWith('.js'))
      .map((f) => readFileSync(`node_modules/@doyensec/electronegativity/dist/finder/checks/${f}`, 'utf8'))
      .join('\n')
    expect(accepted.length).toBeGreaterThan(0)
    for (const row of accepted) {
      expect(checks, row.check).toContain(`"${row.check}"`)
      expect(existsSync(row.file), row.file).toBe(true)
    }
  })
})

describe('compareFindings', () => {
  it('fails on anything unexplained and on explanations whose finding is gone', () => {
    const accepted = parseAcceptedFindings(
      [
        '# Doc',
        '## Accepted Electronegativity findings',
        '| Check | File | Why |',
        '|---|---|---|',
        '| `OPEN_EXTERNAL_JS_CHECK` | `src/main/a.ts` | the URL passed isSafeExternalUrl first |',
        '| `PRELOAD_JS_CHECK` | `src/main/gone.ts` | the preload exposes named functions only |',
        '## Next'
      ].join('\n')
    )
    const result = compareFindings(
      [finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/a.ts'), finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/b.ts')],
      accepted
    )
    expect(result.explained.map((f) => f.file)).toEqual(['src/main/a.ts'])
    expect(result.unexplained.map((f) => f.file)).toEqual(['src/main/b.ts'])
    expect(result.stale.map((a) => a.file)).toEqual(['src/main/gone.ts'])
  })

  it('refuses a table row without a reason, and a document without the table', () => {
    expect(() => parseAcceptedFindings('## Accepted Electronegativity findings\n| `X_CHECK` | `src/a.ts` | ok |')).toThrow(/needs a reason/)
    expect(() => parseAcceptedFindings('# nothing here')).toThrow(/no "## Accepted Electronegativity findings" section/)
  })
})
