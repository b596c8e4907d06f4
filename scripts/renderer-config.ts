import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Plugin, UserConfig } from 'vite'
import { aliases } from './aliases'

/**
 * Development only (`npm run dev`): Vite injects styles and React's refresh preamble inline, which
 * the page's strict CSP blocks. Built files (npm start, the web build, installers) keep it strict.
 */
const devServerCsp: Plugin = {
  name: 'recall-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
}

const { version } = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string }

/** The renderer build, shared by the Electron build and the web build (`npm run web`). */
export function rendererConfig(outDir?: string): UserConfig {
  return {
    root: resolve(__dirname, '../src/renderer'),
    base: './',
    define: { __APP_VERSION__: JSON.stringify(version) },
    resolve: {
      alias: [
        ...aliases(),
        // rehype-katex parses KaTeX's HTML; the browser build of this module parses it through the
        // DOM, which reports every style attribute KaTeX writes as a CSP violation. Its parse5 build
        // makes the same tree without the DOM (React then sets the styles through the CSSOM).
        {
          find: /^hast-util-from-html-isomorphic$/,
          replacement: resolve(__dirname, '../node_modules/hast-util-from-html-isomorphic/lib/index.js')
        },
        // fsrs-browser's thread pool is never started (see the stand-in), so its helper stays out.
        {
          find: /^\.\/snippets\/wasm-bindgen-rayon-[0-9a-f]+\/src\/workerHelpers\.js$/,
          replacement: resolve(__dirname, '../src/renderer/src/workers/fsrs-no-thread-pool.ts')
        }
      ]
    },
    plugins: [react(), tailwindcss(), devServerCsp],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      // Fonts (KaTeX's) stay files: the CSP allows fonts from the app itself, not data: URLs.
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      // The study path stays one chunk for now; the size budget is checked by the build report.
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: resolve(__dirname, '../src/renderer/index.html') }
    }
  }
}
