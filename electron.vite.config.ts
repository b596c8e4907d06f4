import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { aliases } from './scripts/aliases'
import { rendererConfig } from './scripts/renderer-config'

export default defineConfig({
  main: {
    resolve: { alias: aliases() },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    resolve: { alias: aliases() },
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: rendererConfig()
})
