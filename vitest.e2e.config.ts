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
    fileParallelism: false,
    // A poll waits for what a person would see; 1 s (vitest's default) is less than a worker's first
    // answer on a loaded 2-core machine (Browse's at built-in scale: 1.0–1.4 s at load 3).
    expect: { poll: { timeout: 10_000 } }
  }
})
