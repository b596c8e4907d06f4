import { RENDERER_CSP, RENDERER_CSP_HEADER } from '@main/content-security-policy'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values])
  )
}

describe('the Content-Security-Policy', () => {
  it('is the same in the page <meta> and in main, so the header and the meta cannot drift', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta?.[1]).toBe(RENDERER_CSP)
    expect(RENDERER_CSP_HEADER.startsWith(RENDERER_CSP)).toBe(true)
  })

  it('allows no inline script, no eval and no remote origin for anything; images and sounds also from the page’s own object URLs', () => {
    const policy = directives(RENDERER_CSP_HEADER)
    // WebAssembly compilation (sql.js) is the one addition; JavaScript eval stays forbidden.
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    // The collection's media, shown through object URLs; never data:, file: or a web address.
    expect(policy.get('img-src')).toEqual(["'self'", 'blob:'])
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:'])
    for (const [name, values] of policy) {
      for (const value of values) {
        const extra = name === 'script-src' ? ["'wasm-unsafe-eval'"] : name === 'img-src' || name === 'media-src' ? ['blob:'] : []
        expect(["'self'", "'none'", ...extra], `${name} ${value}`).toContain(value)
      }
    }
  })
})
