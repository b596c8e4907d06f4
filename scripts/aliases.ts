import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(__dirname, '..')

/**
 * The import aliases (`@core/…`, `@shared/…`, …) for Vite and Vitest, read from the one place
 * that defines them: `paths` in tsconfig.base.json, which TypeScript and tsx read too.
 */
export function aliases(): { find: string; replacement: string }[] {
  const config = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> }
  }
  // `@store/*` also serves the bare `@store` (its index), so the exact keys need no entry of their own.
  return Object.entries(config.compilerOptions.paths)
    .filter(([key]) => key.endsWith('/*'))
    .map(([key, [target]]) => ({ find: key.slice(0, -2), replacement: resolve(root, target!.slice(0, -2)) }))
}
