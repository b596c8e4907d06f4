/**
 * The page's Content-Security-Policy. The same string is in the <meta> of src/renderer/index.html
 * (a test keeps them equal), so the web build and the dev server get it too. Scripts, styles,
 * images and fonts come only from the app's own files: no inline script, no eval, no remote origin.
 * Images and sounds of the collection are shown through object URLs the page makes from its own
 * stored bytes (`blob:`); nothing else is allowed as an image or a sound.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets WebAssembly (sql.js, for Anki packages) compile; it allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'"
].join('; ')

/** The header the app:// protocol sends; `frame-ancestors` only takes effect in a header. */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`
