import type { TestProject } from 'vitest/node'
import { serveFolder } from '../../scripts/static-server'
import { buildWeb, webOutDir } from '../../scripts/web-build'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject) {
  await buildWeb()
  const server = await serveFolder(webOutDir, 0)
  project.provide('baseUrl', server.url)
  return () => server.close()
}
