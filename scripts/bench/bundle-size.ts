import { readFile, readdir } from 'node:fs/promises'
import { join, posix } from 'node:path'
import { gzipSync } from 'node:zlib'
import { webOutDir } from '../web-build'

interface Files {
  files: string[]
  raw: number
  /** gzip level 6, what a server compresses with by default (nginx's 1, Apache's and Node's 6; level 9 gains ~1 %). */
  gzip: number
}

export interface BundleSize {
  /** The entry chunk and every chunk it imports statically (read from the files; workers and `import()` not followed). */
  entry: Files
  /** Chunks reached only through import() or as workers: screens, charts, dialogs. */
  lazy: Files
  css: Files
  /** WebAssembly: SQLite (sql.js, Anki packages) and FSRS (the optimizer in a browser). */
  wasm: Files
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.\.?\/[^"']+\.js)["']/g

/** Raw and gzip -6 sizes of some files of a built folder. */
export async function sizesOf(outDir: string, files: string[]): Promise<Files> {
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = await readFile(join(outDir, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 6 }).length
  }
  return { files, raw, gzip }
}

/** Sizes of the built renderer (out/web or out/renderer): the entry's JavaScript against lazily loaded chunks. */
export async function measureBundle(outDir = webOutDir): Promise<BundleSize> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]!)
  const entry = new Set<string>()
  const pending = [...entries]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (entry.has(file)) continue
    entry.add(file)
    const code = await readFile(join(outDir, file), 'utf8')
    for (const m of code.matchAll(STATIC_IMPORT)) pending.push(posix.normalize(posix.join(posix.dirname(file), m[1]!)))
  }
  // Everything the build emitted, but not the bench's pages that the bench adds beside it.
  const assets = (await readdir(outDir, { recursive: true })).map((f) => f.split('\\').join('/')).filter((f) => !f.startsWith('bench/'))
  const js = assets.filter((f) => f.endsWith('.js'))
  return {
    entry: await sizesOf(outDir, [...entry]),
    lazy: await sizesOf(
      outDir,
      js.filter((f) => !entry.has(f))
    ),
    css: await sizesOf(
      outDir,
      assets.filter((f) => f.endsWith('.css'))
    ),
    wasm: await sizesOf(
      outDir,
      assets.filter((f) => f.endsWith('.wasm'))
    )
  }
}

if (require.main === module) {
  void (async () => {
    const result = await measureBundle(process.argv[2] ?? webOutDir)
    for (const [part, files] of Object.entries(result) as Array<[string, Files]>)
      console.log(JSON.stringify({ name: `bundle-${part}`, gzip6: files.gzip, raw: files.raw, files: files.files.length }))
  })()
}
