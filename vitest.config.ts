import { defineConfig } from 'vitest/config'
import { aliases } from './scripts/aliases'

export default defineConfig({
  resolve: { alias: aliases() },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // CI has 2 cores; the command-line and fuzz tests spawn processes or run thousands of inputs.
    testTimeout: 30_000
  }
})
