import { plural } from '@shared/plural'

/**
 * Files people bring that are not decks, told apart by their first bytes (and, for zip archives,
 * their entry names) so that the refusal says what the file is and what to do with it, instead of
 * "invalid JSON" or "not UTF-8". Also the checks every text deck gets before it is parsed: git
 * merge-conflict markers, and JSON nested too deep to be read without overflowing the stack.
 */

/** Deeper than this, a JSON deck is refused before any parser (all of them recurse) sees it. */
const MAX_JSON_DEPTH = 100

const SAVE_AS_CSV = 'save the sheet as CSV (UTF-8) from the spreadsheet app and import the CSV file'

/** Why a file is not a deck, or undefined when it may be one. `name` helps tell apart look-alikes. */
export function recogniseNonDeck(name: string, bytes: Uint8Array): string | undefined {
  const extension = /\.([^./\\]*)$/.exec(name.toLowerCase())?.[1] ?? ''
  const head = latin1(bytes, 0, 1024)
  if (head.startsWith('%PDF-')) return 'this is a PDF document, not a deck: copy its cards into a spreadsheet or text file and import that'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (extension === 'xls' || extension === 'xlt') return `this is an old Excel workbook (.xls), not a deck: ${SAVE_AS_CSV}`
    if (extension === 'doc') return 'this is an old Word document (.doc), not a deck: save it as plain text (.txt) and import that'
    return `this is an old Microsoft Office file (Excel .xls, Word .doc or PowerPoint .ppt), not a deck: from Excel, ${SAVE_AS_CSV}`
  }
  const image = imageKind(bytes, head)
  if (image) return `this is ${image} image, not a deck: to study a picture, add it to a card in Recall or name it in a Markdown note`
  if (head.startsWith('{\\rtf')) return 'this is a Rich Text (RTF) document, not a deck: save it as plain text (.txt) and import that'
  if (isWebPage(head, extension))
    return 'this is a web page (HTML), not a deck: export the cards from the site as CSV or text (look for an Export button), or copy them into a spreadsheet and save it as CSV'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return zipKind(bytes, extension)
  return undefined
}

function imageKind(bytes: Uint8Array, head: string): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'a PNG'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG'
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF'
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'a WebP'
  if (/^ftyp(?:heic|heix|mif1|avif)/.test(head.slice(4, 12))) return 'a HEIC/AVIF'
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF'
  return undefined
}

function isWebPage(head: string, extension: string): boolean {
  const start = head
    .replace(/^(?:\uFEFF|\xEF\xBB\xBF)/, '')
    .trimStart()
    .toLowerCase()
  if (/^<!doctype html[\s>]/.test(start) || /^<html[\s>]/.test(start)) return true
  if (/^<\?xml[^>]*>\s*<!doctype html|^<\?xml[^>]*>\s*<html[\s>]/.test(start)) return true
  // A saved page with a comment or a <head> first (browsers add "<!-- saved from url=… -->").
  return (extension === 'html' || extension === 'htm' || /^<!-- saved from url=/.test(start)) && /<(?:html|head|body)[\s>]/.test(start)
}

/** An office document or an encrypted archive; undefined for other zips (Anki packages, folders of notes). */
function zipKind(bytes: Uint8Array, extension: string): string | undefined {
  const entries = zipEntries(bytes)
  if (!entries) return undefined
  if (entries.some((e) => e.encrypted))
    return 'this zip archive is protected by a password, so Recall cannot open it: extract it with the password, then import the files (or zip them again without a password)'
  const names = entries.map((e) => e.name)
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix))
  if (names.includes('[Content_Types].xml')) {
    if (has('xl/')) return `this is an Excel workbook (.xlsx), not a deck: ${SAVE_AS_CSV}`
    if (has('word/'))
      return 'this is a Word document (.docx), not a deck: save it as plain text (.txt) or copy its cards into a spreadsheet and save that as CSV'
    if (has('ppt/')) return 'this is a PowerPoint presentation (.pptx), not a deck: copy its cards into a spreadsheet and save that as CSV'
  }
  if (names.includes('mimetype') && names.includes('content.xml')) {
    const mime = latin1(bytes, 0, 256)
    if (mime.includes('opendocument.spreadsheet')) return `this is an OpenDocument spreadsheet (.ods), not a deck: ${SAVE_AS_CSV}`
    return 'this is an OpenDocument file (LibreOffice, .odt), not a deck: save it as plain text (.txt) or CSV and import that'
  }
  if (names.some((n) => /^Index\/.*\.iwa$/.test(n))) {
    if (extension === 'pages' || extension === 'key')
      return 'this is a Pages or Keynote document, not a deck: export it as plain text and import that'
    return 'this is an Apple Numbers spreadsheet, not a deck: in Numbers choose File › Export To › CSV… and import the CSV file'
  }
  return undefined
}

interface ZipEntry {
  name: string
  encrypted: boolean
}

/**
 * The names and encryption flags of a zip's entries, from its central directory (read by hand:
 * unzipping an encrypted entry only fails). Undefined when the directory cannot be found.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1)
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1)
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return undefined
  const count = u16(end + 10)
  let at = u32(end + 16)
  if (count < 0 || at < 0 || at >= bytes.length) return undefined
  const entries: ZipEntry[] = []
  const decoder = new TextDecoder()
  for (let i = 0; i < count && i < 100_000; i++) {
    if (u32(at) !== 0x02014b50) break
    const flags = u16(at + 8)
    const nameLength = u16(at + 28)
    const skip = nameLength + u16(at + 30) + u16(at + 32)
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), encrypted: (flags & 1) === 1 })
    at += 46 + skip
  }
  return entries
}

interface TextProblem {
  line: number
  message: string
}

/**
 * Unresolved git merge conflicts: a line starting `<<<<<<<`, later `=======` and `>>>>>>>`. The
 * markers must start their lines; a Markdown heading underlined with `=` alone is not one.
 */
export function conflictMarkers(text: string): TextProblem | undefined {
  if (!text.includes('<<<<<<<')) return undefined
  let first = 0
  let conflicts = 0
  let state: 'out' | 'ours' | 'theirs' = 'out'
  let line = 0
  let at = 0
  while (at <= text.length) {
    const next = text.indexOf('\n', at)
    const end = next < 0 ? text.length : next
    line++
    const c = text.charCodeAt(at)
    if (c === 60 /* < */ || c === 61 /* = */ || c === 62 /* > */) {
      const content = text.slice(at, Math.min(end, at + 8)).replace(/\r$/, '')
      if (state === 'out' && /^<{7}(?:[ \t]|$)/.test(content)) {
        state = 'ours'
        if (conflicts === 0) first = line
      } else if (state === 'ours' && /^={7}$/.test(content)) state = 'theirs'
      else if (state === 'theirs' && /^>{7}(?:[ \t]|$)/.test(content)) {
        state = 'out'
        conflicts++
      }
    }
    if (next < 0) break
    at = next + 1
  }
  if (conflicts === 0) return undefined
  return {
    line: first,
    message: `the file holds ${plural(conflicts, 'unresolved git merge conflict')} (lines <<<<<<<, ======= and >>>>>>>), the first at line ${first}: resolve ${conflicts === 1 ? 'it' : 'them'} (keep one side and delete the marker lines) before importing`
  }
}

/**
 * JSON nested deeper than MAX_JSON_DEPTH, found in one pass without recursion (strings skipped),
 * so that no parser ever meets a file that could overflow its stack.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): TextProblem | undefined {
  let depth = 0
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) line++
    else if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i)
        if (s === 92 /* \ */) i++
        else if (s === 34) break
        else if (s === 10) line++ // an unclosed string: the parser reports it
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit)
        return {
          line,
          message: `the JSON is nested more than ${limit} levels deep at line ${line}; no deck is built like that, so the file is probably damaged or not a deck`
        }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1)
  }
  return undefined
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = ''
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i]!)
  return s
}
