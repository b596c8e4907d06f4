/**
 * Recall's card text (plain text with a little Markdown) → the HTML of an Anki field: `&`, `<`
 * and `>` escaped, line breaks as Markdown shows them (a blank line, a list item, a table row or a
 * hard break `\` / two spaces: `<br>`; a line wrapped inside a paragraph stays a plain newline,
 * which HTML shows as a space and Recall's importer reads back as the newline it was), Markdown
 * images `![alt](name.png)` as `<img src="name.png" alt="alt">`, `**bold**` and `*italic*` as `<b>` and `<i>`, a backslash
 * escape as its character. Anki's own tags pass as written: `[sound:x.mp3]`, cloze deletions
 * `{{c1::…}}` and template tags `{{Field}}`. Other Markdown (lists, links, formulas) stays as
 * text, which Anki shows as written.
 */

// `![alt](target "title")`, the target bare or in <…> (as shared/media/media-refs.ts reads it).
const IMAGE = /!\[((?:\\.|[^\]\\\n])*)\]\(\s*(?:<([^>\n]+)>|([^\s()<>]+))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g
const ESCAPED = /\\([!-/:-@[-`{-~])/g
const BOLD = /\*\*(?=\S)([^*\n]*?\S)\*\*/g
const ITALIC = /(^|[^*\p{L}\p{N}])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\p{L}\p{N}])/gu
// Escaped characters wait in the Private Use Area while emphasis is read, so `\*` is never emphasis.
const PUA = 0xe000

const HARD = '\ue100'
const PARAGRAPH = '\ue101'
const LIST_OR_ROW = /^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\|)/

export function markdownToAnkiHtml(markdown: string): string {
  if (!markdown) return ''
  const text = lineBreaks(markdown)
  let out = ''
  let at = 0
  for (const m of text.matchAll(IMAGE)) {
    out += inline(text.slice(at, m.index))
    const name = decodeTarget(m[2] ?? m[3]!)
    const alt = m[1]!.replace(ESCAPED, '$1')
    out += `<img src="${attribute(name)}"${alt ? ` alt="${attribute(alt)}"` : ''}>`
    at = m.index + m[0].length
  }
  out += inline(text.slice(at))
  return out.replace(/\ue100/g, '<br>\n').replace(/\ue101/g, '<br>\n<br>\n')
}

/** Each run of newlines as a paragraph break, a hard break or a soft one (kept as a newline). */
function lineBreaks(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  let out = lines[0]!
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (!line.trim()) {
      // Blank lines: one paragraph break, however many there are.
      while (i + 1 < lines.length && !lines[i + 1]!.trim()) i++
      if (i + 1 < lines.length) out += PARAGRAPH + lines[++i]!
      continue
    }
    const previous = lines[i - 1]!
    const hard = /(?: {2}|\\)$/.test(previous) || LIST_OR_ROW.test(line) || LIST_OR_ROW.test(previous)
    if (previous.endsWith('\\')) out = out.slice(0, -1) // a backslash at the end of a line is the break itself
    out += (hard ? HARD : '\n') + line
  }
  return out
}

function inline(text: string): string {
  if (!text) return ''
  const held = text.replace(ESCAPED, (_, c: string) => String.fromCharCode(PUA + c.charCodeAt(0)))
  return escapeHtml(held)
    .replace(BOLD, '<b>$1</b>')
    .replace(ITALIC, '$1<i>$2</i>')
    .replace(/[\ue000-\ue07f]/g, (c) => escapeHtml(String.fromCharCode(c.charCodeAt(0) - PUA)))
}

/** `&`, `<` and `>` as entities: text that Anki shows, or keeps, as written. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
}

function attribute(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;')
}

function decodeTarget(target: string): string {
  try {
    return decodeURIComponent(target)
  } catch {
    return target
  }
}

/** A field as Anki sorts and checks it for duplicates: tags dropped, a few entities decoded. */
export function fieldPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()
}

/** Anki's note checksum (`notes.csum`): the first 8 hex digits of the SHA-1 of the first field's text. */
export function fieldChecksum(text: string): number {
  return Number.parseInt(sha1Hex(encoder.encode(text)).slice(0, 8), 16)
}

const encoder = new TextEncoder()
const schedule = new Uint32Array(80)

/** SHA-1 (FIPS 180-4), synchronous: used only for Anki's checksum, not for security. */
function sha1Hex(bytes: Uint8Array): string {
  const length = bytes.length
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16)
  for (let i = 0; i < length; i++) words[i >> 2]! |= bytes[i]! << (24 - (i % 4) * 8)
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8)
  words[words.length - 1] = length * 8
  words[words.length - 2] = Math.floor((length * 8) / 0x100000000)
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = schedule
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[block + t]!
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!
      w[t] = (x << 1) | (x >>> 31)
    }
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4]
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) >>> 0
      e = d
      d = c
      c = (b << 30) | (b >>> 2)
      b = a
      a = temp
    }
    h0 = (h0 + a) >>> 0
    h1 = (h1 + b) >>> 0
    h2 = (h2 + c) >>> 0
    h3 = (h3 + d) >>> 0
    h4 = (h4 + e) >>> 0
  }
  return [h0, h1, h2, h3, h4].map((h) => h.toString(16).padStart(8, '0')).join('')
}
