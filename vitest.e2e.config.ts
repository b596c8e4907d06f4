import { defineConfig } from 'vitest/config'
import { aliases } from './scripts/aliases'

// End-to-end tests: the web build served on 127.0.0.1, driven in a real Chromium.
export default defineConfig({
  resolve: { alias: aliases() },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false
  }
})
