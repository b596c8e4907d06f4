/**
 * HTML fields (Anki notes, CSV exports with `#html:true`) → safe plain text with a little Markdown.
 *
 * One forward pass, no DOM and no backtracking regex over the whole input, so hostile fields
 * (unclosed tags, `<scr<script>ipt>`, megabyte attributes) cost linear time. Line structure
 * survives (`<br>`, blocks, lists); every tag and attribute is dropped but an image's file name,
 * which becomes Markdown (`<img src="a.png">` → `![](a.png)`, resolved against the collection's
 * media when shown); Anki's `[sound:a.mp3]` stays as written. Script, style and other embedded
 * documents are dropped with their content; other media is counted so the card can say what was
 * left out.
 */

import type { MediaCount } from '@shared/deck/media-count'
import { TextWriter } from '@shared/deck/text-writer'
import { decodeHTML } from 'entities'
import { imageMarkdown } from '@shared/media/media-refs'

export interface SafeText {
  text: string
  media: MediaCount
}

const BLOCK = new Set([
  'div',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'hr',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'address',
  'center',
  'details',
  'summary'
])
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote'])
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'textarea',
  'select',
  'head',
  'title',
  'audio',
  'video'
])
const MEDIA = new Map<string, keyof MediaCount>(
  Object.entries({
    svg: 'images',
    audio: 'sounds',
    video: 'videos',
    iframe: 'videos',
    object: 'videos',
    embed: 'videos'
  } as const)
)
const SPECIAL = /[<&[]/g
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/y
/** What Markdown would read as a character reference after a literal `&`. */
const ENTITY_AHEAD = /(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/y
const TAG_NAME = /\/?([a-zA-Z][a-zA-Z0-9:-]*)/y
const closers = new Map<string, RegExp>()
const MAX_ALT_CHARS = 1000

export function htmlToText(html: string): SafeText {
  const out = new TextWriter()
  const media: MediaCount = { images: 0, sounds: 0, videos: 0 }
  const lists: { ordered: boolean; n: number }[] = []
  let noSoundEnd = false
  let i = 0
  while (i < html.length) {
    SPECIAL.lastIndex = i
    const next = SPECIAL.exec(html)?.index ?? html.length
    if (next > i) out.text(html.slice(i, next))
    i = next
    if (i >= html.length) break
    if (html[i] === '<') {
      i = readMarkup(html, i, out, media, lists)
    } else if (html[i] === '&') {
      ENTITY.lastIndex = i
      const m = ENTITY.exec(html)
      const decoded = m ? decodeEntity(m) : '&'
      i += m ? m[0].length : 1
      // `&amp;lt;` is the text "&lt;": escaped, so that the card's Markdown does not decode it again.
      ENTITY_AHEAD.lastIndex = i
      out.text(decoded === '&' && ENTITY_AHEAD.test(html) ? '\\&' : decoded)
    } else {
      // A sound tag is kept whole (its name may hold "<" or "&", which must not be read as markup).
      const end = html.startsWith('[sound:', i) && !noSoundEnd ? html.indexOf(']', i) : -1
      if (end < 0) noSoundEnd ||= html.startsWith('[sound:', i) // none closes later either: stay linear
      out.text(end >= 0 ? `[sound:${html.slice(i + 7, end).trim()}]` : '[')
      i = end >= 0 ? end + 1 : i + 1
    }
  }
  return { text: out.done(), media }
}

/** Reads the markup that starts at `<` and returns where the text continues. */
function readMarkup(html: string, i: number, out: TextWriter, media: MediaCount, lists: { ordered: boolean; n: number }[]): number {
  if (html.startsWith('<!--', i)) {
    const end = html.indexOf('-->', i + 4)
    return end < 0 ? html.length : end + 3
  }
  const next = html[i + 1]
  if (next === '!' || next === '?') {
    const end = html.indexOf('>', i)
    return end < 0 ? html.length : end + 1
  }
  TAG_NAME.lastIndex = i + 1
  const m = TAG_NAME.exec(html)
  if (!m) {
    out.text('<') // "a < b", "<3": text, not markup
    return i + 1
  }
  const closing = next === '/'
  const name = m[1]!.toLowerCase()
  const end = tagEnd(html, TAG_NAME.lastIndex)
  if (end < 0) return html.length // an unclosed tag swallows the rest, as in a browser
  const selfClosing = html[end - 1] === '/'
  if (name === 'img' && !closing) {
    const tag = html.slice(TAG_NAME.lastIndex, end)
    const src = attribute(tag, 'src')
    const alt = attribute(tag, 'alt')
    if (src) out.text(imageMarkdown(src, alt ?? ''))
    else {
      // No file to show: what the picture was about stays, as text (a sentence, not a hostile megabyte).
      if (alt && alt.length <= MAX_ALT_CHARS) out.text(alt)
      media.images++
    }
    return end + 1
  }
  const kind = MEDIA.get(name)
  if (kind && !closing) media[kind]++
  if (DROP_WITH_CONTENT.has(name) && !closing && !selfClosing) return skipElement(html, name, end + 1)
  if (name === 'br') out.lineBreak(true)
  else if (PARAGRAPH.has(name)) out.paragraph()
  else if (BLOCK.has(name)) out.lineBreak(false)
  else if (name === 'ul' || name === 'ol') {
    if (closing) lists.pop()
    else lists.push({ ordered: name === 'ol', n: 0 })
    out.lineBreak(false)
  } else if (name === 'li') {
    out.lineBreak(false)
    if (!closing) {
      const list = lists[lists.length - 1]
      const marker = list?.ordered ? `${++list.n}. ` : '- '
      out.marker('  '.repeat(Math.min(Math.max(0, lists.length - 1), 6)) + marker)
    }
  } else if (name === 'td' || name === 'th') out.space()
  return end + 1
}

/** An attribute's value in a tag's text, entities decoded; undefined when absent or empty. */
function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag)
  const raw = m ? (m[1] ?? m[2] ?? m[3] ?? '') : ''
  const value = raw.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,15}));/g, (...e) =>
    decodeEntity(e as unknown as RegExpExecArray)
  )
  return value.trim() || undefined
}

/** Index of the `>` that ends a tag, skipping quoted attribute values; -1 when there is none. */
function tagEnd(html: string, from: number): number {
  let afterEquals = false
  for (let j = from; j < html.length; j++) {
    const c = html[j]!
    if (c === '>') return j
    if (c === '=') afterEquals = true
    else if (afterEquals && (c === '"' || c === "'")) {
      const close = html.indexOf(c, j + 1)
      if (close < 0) return -1
      j = close
      afterEquals = false
    } else if (c !== ' ' && c !== '\t' && c !== '\n') afterEquals = false
  }
  return -1
}

function skipElement(html: string, name: string, from: number): number {
  let closer = closers.get(name)
  if (!closer) closers.set(name, (closer = new RegExp(`</${name}(?=[\\s/>])`, 'gi')))
  closer.lastIndex = from
  const m = closer.exec(html)
  if (!m) return html.length
  const end = html.indexOf('>', m.index)
  return end < 0 ? html.length : end + 1
}

/** Every named character reference of HTML5 (the `entities` package), and numeric ones as a browser reads them. */
function decodeEntity(m: RegExpExecArray): string {
  if (m[3] !== undefined) {
    const named = decodeHTML(m[0])
    return named === m[0] ? m[0] : named
  }
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16)
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD'
  return code === 0xa0 ? ' ' : decodeHTML(m[0])
}

/** True when a plain-text field looks like HTML (Anki's "allow HTML" guess for text files). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(?:br|div|p|span|b|i|u|em|strong|img|ul|ol|li|a|sub|sup|font|hr|table|tr|td|h[1-6])(?:\s[^<>]*)?\/?>|&(?:nbsp|amp|lt|gt|quot|#\d{1,7});/i.test(
    text
  )
}
