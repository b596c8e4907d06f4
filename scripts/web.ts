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
  if (!values['no-build']) {
    console.log('Building the web version of Recall…')
    await buildWeb()
  }
  const server = await serveFolder(webOutDir, port)
  console.log(`Recall is at ${server.url} (Ctrl+C to stop)`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
