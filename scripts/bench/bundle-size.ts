import { readFile, readdir } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { webOutDir } from '../web-build'

export interface BundleSize {
  /** The entry chunk and every chunk it imports statically: what the first screen downloads and parses. */
  initial: { files: string[]; raw: number; gzip: number }
  /** Chunks reached only through import(): screens and charts loaded on demand. */
  lazy: { files: string[]; raw: number; gzip: number }
  css: { files: string[]; gzip: number }
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\.?\/[^"']+\.js)["']/g

/** Gzip sizes of the built renderer (out/web or out/renderer): initial JavaScript against lazily loaded chunks. */
export async function measureBundle(outDir = webOutDir): Promise<BundleSize> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]!)
  const initial = new Set<string>()
  const pending = [...entries]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (initial.has(file)) continue
    initial.add(file)
    const code = await readFile(join(outDir, file), 'utf8')
    for (const m of code.matchAll(STATIC_IMPORT)) pending.push(posix.normalize(posix.join(posix.dirname(file), m[1]!)))
  }
  // Everything the build emitted, but not the bench page that the bench adds beside it.
  const assets = (await readdir(outDir, { recursive: true }))
    .map((f) => f.split('\\').join('/'))
    .filter((f) => !f.startsWith('bench/') && /\.(js|css)$/.test(f))
  const js = assets.filter((f) => f.endsWith('.js'))
  const sizes = new Map<string, { raw: number; gzip: number }>()
  for (const f of [...js, ...assets.filter((f) => f.endsWith('.css'))]) {
    const bytes = await readFile(join(outDir, f))
    sizes.set(f, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length })
  }
  const total = (files: string[]) => ({
    files,
    raw: files.reduce((n, f) => n + sizes.get(f)!.raw, 0),
    gzip: files.reduce((n, f) => n + sizes.get(f)!.gzip, 0)
  })
  const css = assets.filter((f) => f.endsWith('.css'))
  return { initial: total([...initial]), lazy: total(js.filter((f) => !initial.has(f))), css: { files: css, gzip: total(css).gzip } }
}

export const BUDGET_GZIP = 250 * 1024

if (require.main === module) {
  void (async () => {
    const result = await measureBundle(process.argv[2] ?? webOutDir)
    console.log(
      JSON.stringify({
        name: 'bundle-initial-js',
        gzip: result.initial.gzip,
        raw: result.initial.raw,
        budget: BUDGET_GZIP,
        files: result.initial.files
      })
    )
    console.log(JSON.stringify({ name: 'bundle-lazy-js', gzip: result.lazy.gzip, raw: result.lazy.raw, files: result.lazy.files.length }))
  })()
}
