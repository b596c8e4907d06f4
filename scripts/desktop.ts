import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { readSandboxFacts, sandboxProblem } from './sandbox-check'

/**
 * `npm start` and `npm run dev`: checks that Electron's sandbox can start on this machine (it
 * cannot on Ubuntu 24.04 without a fix, and Electron's own error does not say what to do), then
 * runs electron-vite with the given command (preview or dev). The development build keeps its
 * collection in a folder of its own (src/main/app-identity.ts), never the installed Recall's.
 */
const [command = 'preview', ...rest] = process.argv.slice(2)
if (command !== 'preview' && command !== 'dev') {
  console.error(`usage: tsx scripts/desktop.ts preview|dev [electron-vite options]`)
  process.exit(2)
}

if (process.env.RECALL_SKIP_SANDBOX_CHECK !== '1') {
  const require = createRequire(__filename)
  const problem = sandboxProblem(readSandboxFacts(require.resolve('electron/package.json')))
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}

const child = spawn(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', command, ...rest], {
  stdio: 'inherit',
  shell: process.platform === 'win32'
})
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
