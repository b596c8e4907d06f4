import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import type { UserConfig } from 'vite'

/** The renderer build, shared by the Electron build and the web build (`npm run web`). */
export function rendererConfig(outDir?: string): UserConfig {
  return {
    root: resolve(__dirname, '../src/renderer'),
    base: './',
    plugins: [react(), tailwindcss()],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      // The study path stays one chunk for now; the size budget is checked by the build report.
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: resolve(__dirname, '../src/renderer/index.html') }
    }
  }
}
