import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // CI has 2 cores; the command-line and fuzz tests spawn processes or run thousands of inputs.
    testTimeout: 30_000
  }
})
