/**
 * The largest deck file Recall reads, in bytes. Apart from import-file.ts, so the page can refuse a
 * file that is too large without loading the importers (they are fetched when an import starts).
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
