import { defineConfig } from 'vitest/config'
import { aliases } from './scripts/aliases'

// The packaging test: electron-builder builds the Linux directory and deb against a stand-in
// Electron distribution, and the packaged main bundle is started under Node.
export default defineConfig({
  resolve: { alias: aliases() },
  test: {
    include: ['tests/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000
  }
})
