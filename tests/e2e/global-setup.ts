import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { serveFolder } from '../../scripts/static-server'
import { buildWeb } from '../../scripts/web-build'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject) {
  // A build of its own, so that two runs at once never serve each other's files.
  const outDir = await mkdtemp(join(tmpdir(), 'recall-web-'))
  await buildWeb(outDir)
  const server = await serveFolder(outDir, 0)
  project.provide('baseUrl', server.url)
  return async () => {
    await server.close()
    await rm(outDir, { recursive: true, force: true })
  }
}
