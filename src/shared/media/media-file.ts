/**
 * What Recall accepts as a media file: images (PNG, JPEG, GIF, WebP, SVG shown as an image only)
 * and sounds (MP3, Ogg, WAV), each under a size limit, whose bytes are what its name says, under a
 * name that is a plain file name. Every importer and the add/edit form check files here, so one
 * set of rules decides what enters the collection.
 */

/** Largest media file accepted, in bytes. */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024
/** Most media references one field may hold: a field with more is refused, not cut. */
export const MAX_MEDIA_REFS_PER_FIELD = 100
const MAX_NAME_CHARS = 120

export type MediaKind = 'image' | 'sound'

/** A media file as importers and the form hand it over. */
export interface MediaFile {
  name: string
  bytes: Uint8Array
}

/** A media file that passed every check. */
export interface CheckedMedia extends MediaFile {
  /** MIME type, from the checked bytes. */
  type: string
  kind: MediaKind
}

const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav'
}

const MEDIA_EXTENSIONS = Object.keys(TYPE_BY_EXTENSION)

export function extensionOf(name: string): string {
  const match = /\.([^./\\]+)$/.exec(name)
  return match ? match[1]!.toLowerCase() : ''
}

/** The MIME type a name announces, or undefined when Recall does not take that kind of file. */
function typeOfName(name: string): string | undefined {
  return TYPE_BY_EXTENSION[extensionOf(name)]
}

export function kindOfType(type: string): MediaKind {
  return type.startsWith('audio/') ? 'sound' : 'image'
}

/**
 * Why a name cannot be a media name, or undefined when it can: a plain file name (no folder, no
 * scheme, no "..", no control characters), at most 120 characters, with a known extension.
 */
function mediaNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'a media file has no name'
  if (name.length > MAX_NAME_CHARS) return `the media name "${shorten(name)}" is longer than ${MAX_NAME_CHARS} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\:]/.test(name) || name === '.' || name === '..' || name.startsWith('.'))
    return `"${shorten(name)}" is not a plain file name (no folders, "..", ":" or hidden files)`
  if (!typeOfName(name)) return `"${shorten(name)}" is not an image or sound Recall shows (it takes ${MEDIA_EXTENSIONS.join(', ')})`
  return undefined
}

/**
 * Checks a file's name, size and bytes. The bytes must be the kind the name says (a script named
 * `x.png` is refused), and an SVG must be a picture only: no script, no event handlers, no
 * embedded HTML, no links to other files.
 */
export function checkMedia(file: MediaFile, maxBytes = MAX_MEDIA_BYTES): CheckedMedia | { problem: string } {
  const nameProblem = mediaNameProblem(file.name)
  if (nameProblem) return { problem: nameProblem }
  const name = file.name
  if (file.bytes.length === 0) return { problem: `"${shorten(name)}" is empty` }
  if (file.bytes.length > maxBytes)
    return { problem: `"${shorten(name)}" is ${mb(file.bytes.length)}; a media file may have at most ${mb(maxBytes)}` }
  const type = typeOfName(name)!
  const sniffed = sniffType(file.bytes)
  if (sniffed !== type)
    return {
      problem: sniffed
        ? `"${shorten(name)}" is named as ${describe(type)} but its bytes are ${describe(sniffed)}`
        : `"${shorten(name)}" is not ${describe(type)}: its bytes are not a file of that kind`
    }
  if (type === 'image/svg+xml') {
    const svgProblem = unsafeSvg(file.bytes)
    if (svgProblem) return { problem: `"${shorten(name)}" ${svgProblem}; it was not imported` }
  }
  return { name, bytes: file.bytes, type, kind: kindOfType(type) }
}

/** The MIME type of a file from its first bytes, for the kinds Recall takes. */
export function sniffType(b: Uint8Array): string | undefined {
  const ascii = (at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0))
  if (ascii(0, '\x89PNG\r\n\x1a\n')) return 'image/png'
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav'
  if (ascii(0, 'OggS')) return 'audio/ogg'
  // An ID3 tag, or an MPEG audio frame (11 sync bits, layer III).
  if (ascii(0, 'ID3') || (b[0] === 0xff && (b[1]! & 0xe6) === 0xe2)) return 'audio/mpeg'
  if (looksLikeSvg(b)) return 'image/svg+xml'
  return undefined
}

function looksLikeSvg(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '')
  // Any XML prolog, comments and doctype, then the <svg> element.
  const rest = head.replace(/^(?:\s+|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)*/i, '')
  return /^<svg[\s>]/i.test(rest)
}

/** Why an SVG is not a plain picture, or undefined. */
function unsafeSvg(bytes: Uint8Array): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'is not UTF-8 text, so it is not a readable SVG'
  }
  if (/<script[\s>/]/i.test(text)) return 'carries a script'
  if (/\son[a-z]+\s*=/i.test(text)) return 'carries event handlers (script)'
  if (/<foreignObject[\s>/]/i.test(text)) return 'embeds HTML (foreignObject)'
  if (/javascript:/i.test(text)) return 'carries a javascript: link'
  if (/<!ENTITY/i.test(text)) return 'declares XML entities'
  // Links to anything but a part of the same drawing (href="#id").
  if (/(?:xlink:)?href\s*=\s*["']\s*(?!#)/i.test(text)) return 'links to another file or site'
  if (/url\(\s*["']?\s*(?!#)/i.test(text)) return 'loads another file or site in its style'
  if (/@import/i.test(text)) return 'imports a style sheet'
  return undefined
}

function describe(type: string): string {
  const names: Record<string, string> = {
    'image/png': 'a PNG image',
    'image/jpeg': 'a JPEG image',
    'image/gif': 'a GIF image',
    'image/webp': 'a WebP image',
    'image/svg+xml': 'an SVG image',
    'audio/mpeg': 'an MP3 sound',
    'audio/ogg': 'an Ogg sound',
    'audio/wav': 'a WAV sound'
  }
  return names[type] ?? type
}

function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name
}

function mb(bytes: number): string {
  return `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`
}

/** SHA-256 of the bytes as lowercase hex: the identity of a file's content. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
