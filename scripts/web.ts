import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serveFolder } from './static-server'
import { buildWeb, webOutDir } from './web-build'

// npm run web [-- --port 4173] [--no-build]
const { values } = parseArgs({
  options: { port: { type: 'string', default: '4173' }, 'no-build': { type: 'boolean', default: false } }
})
const port = Number(values.port)

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`)
  const built = existsSync(join(webOutDir, 'index.html'))
  if (values['no-build'] && !built) {
    // Serving an empty folder would answer every request with 404.
    console.log(`There is no web build in ${webOutDir} yet, so --no-build has nothing to serve: building it first.`)
  }
  if (!values['no-build'] || !built) {
    console.log('Building the web version of Recall…')
    await buildWeb()
  }
  // Compressed once before the first request (brotli, or gzip for a browser without it).
  const server = await serveFolder(webOutDir, port, { precompress: true })
  console.log(`Recall is at ${server.url} (Ctrl+C to stop)`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
