import { CardMedia } from '@components/CardMedia'
import { splitUrlEnd } from '@shared/deck/url-end'
import { soundsAsImages } from '@shared/media/media-refs'
import { memo, useSyncExternalStore, type AnchorHTMLAttributes, type ReactElement } from 'react'
import Markdown, { type Components, type Options } from 'react-markdown'
import remarkGfm from 'remark-gfm'

// Raw HTML in card text is shown as text, never parsed (no rehype-raw). Images and sounds come
// only from the collection's media (CardMedia.tsx); a remote image would be a tracking pixel.
// Formulas and code are rendered by KaTeX and highlight.js, loaded when first needed.
const DISALLOWED: string[] = []

/** Only plain web links survive; anything else (javascript:, data:, file:…) becomes plain text. */
function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined
  try {
    const url = new URL(href)
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url.href : undefined
  } catch {
    return undefined
  }
}

function CardLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const safe = safeHref(href)
  if (!safe) return <span className="underline decoration-dotted">{children}</span>
  // A new window: the desktop shell opens it in the system browser; the page itself never navigates.
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" className="text-blue-700 underline dark:text-blue-300">
      {children}
    </a>
  )
}

const COMPONENTS: Components = { a: CardLink, img: CardMedia }

interface MdNode {
  type: string
  url?: string
  value?: string
  children?: MdNode[]
}

/**
 * A bare URL that GFM made a link stops before the brackets and punctuation around it
 * (`(see https://aws.amazon.com/sagemaker/)}`): they go back to the text (shared/deck/url-end.ts).
 * Walks the tree with a stack, so that deeply nested text cannot overflow it.
 */
function remarkUrlEnds() {
  return (tree: MdNode) => {
    const stack: MdNode[] = [tree]
    for (let parent = stack.pop(); parent; parent = stack.pop()) {
      const children = parent.children
      if (!children) continue
      for (let i = 0; i < children.length; i++) {
        const node = children[i]!
        const label = node.type === 'link' && node.children?.length === 1 ? node.children[0] : undefined
        const bare =
          label?.type === 'text' &&
          label.value &&
          node.url &&
          (node.url === label.value || node.url.endsWith(`//${label.value}`) || node.url === `mailto:${label.value}`)
        if (!bare) {
          stack.push(node)
          continue
        }
        const { url, rest } = splitUrlEnd(label.value!)
        if (!rest) continue
        label.value = url
        node.url = node.url!.slice(0, node.url!.length - rest.length)
        const next = children[i + 1]
        if (next?.type === 'text') next.value = rest + (next.value ?? '')
        else children.splice(i + 1, 0, { type: 'text', value: rest })
      }
    }
  }
}

const PLUGINS = [remarkGfm, remarkUrlEnds]

/**
 * Formulas and code: `$$…$$`, `\[…\]`, `\(…\)`, `$…$` (opening `$` before a non-space, closing
 * `$` after one and not before a digit, so "$5 and $10" stays text) and fenced code blocks. Their
 * renderers load the first time a card needs them (card-text-rich.ts); until then the text shows
 * as written, and every card shown meanwhile is drawn again once they are in.
 */
const DISPLAY_MATH = /\$\$[\s\S]+?\$\$|\\\[[\s\S]+?\\\]|\\\([\s\S]+?\\\)/
const INLINE_MATH = /(^|[^\\$])\$(?=\S)[^$\n]*?[^\s\\]\$(?!\d)/
const CODE_FENCE = /^\s*(```|~~~)/m
type Rich = typeof import('@components/card-text-rich')
let rich: Rich | undefined
let loading: Promise<void> | undefined
let richVersion = 0
const richListeners = new Set<() => void>()

function needsRich(text: string): boolean {
  return DISPLAY_MATH.test(text) || INLINE_MATH.test(text) || CODE_FENCE.test(text)
}

function loadRich(): void {
  loading ??= import('@components/card-text-rich').then(
    (module) => {
      rich = module
      richVersion++
      for (const notify of richListeners) notify()
    },
    () => {
      // Offline from a broken install, say: the text stays as written, and the next card tries again.
      loading = undefined
    }
  )
}

/** Loads the formula and code renderers now, for a card known to need them (and for tests). */
export function loadCardTextRenderers(): Promise<void> {
  loadRich()
  return loading ?? Promise.resolve()
}

const subscribeRich = (notify: () => void) => {
  richListeners.add(notify)
  return () => richListeners.delete(notify)
}

/** Anki's MathJax delimiters `\(…\)` and `\[…\]`, and a line of `$$…$$`, as remark-math reads them; code is left alone. */
function withDollarMath(text: string): string {
  return text
    .split(/(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => `\n\n$$\n${tex.trim()}\n$$\n\n`)
            .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex: string) => `$${tex}$`)
            // A line that is one `$$…$$` is a display formula, as in Anki and Obsidian.
            .replace(/^[ \t]*\$\$([^\n]+?)\$\$[ \t]*$/gm, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
    )
    .join('')
}

function markdownOptions(rawText: string): Options {
  const base: Options = { remarkPlugins: PLUGINS, disallowedElements: DISALLOWED, unwrapDisallowed: true, components: COMPONENTS }
  const text = soundsAsImages(rawText)
  if (!rich || !needsRich(text)) return { ...base, children: text }
  const source = withDollarMath(text)
  const plugins = rich.richPlugins(INLINE_MATH.test(source))
  return { ...base, remarkPlugins: [...PLUGINS, ...plugins.remark], rehypePlugins: plugins.rehype, children: source }
}

/** Parsed card texts, most recently used last; a few sessions' worth, so memory stays flat. */
const parsed = new Map<string, ReactElement>()
const PARSED_KEPT = 64

/**
 * The React elements of a card text. Parsing is the costly part of showing a card (about 0.4 ms a
 * question here), so each text is parsed once and kept; elements are immutable, so a kept one can
 * be shown again anywhere.
 */
export function cardTextElements(text: string): ReactElement {
  const waiting = needsRich(text) && !rich
  if (waiting) loadRich()
  const key = waiting ? `plain:${text}` : text
  const kept = parsed.get(key)
  if (kept) {
    parsed.delete(key)
    parsed.set(key, kept)
    return kept
  }
  const elements = Markdown(markdownOptions(text))
  parsed.set(key, elements)
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!)
  return elements
}

/** Parses a text ahead of time (the likely next question, while the answer is read). */
export function prepareCardText(text: string): void {
  cardTextElements(text)
}

/** Card text as safe Markdown; memoised, since the study screen re-renders around an unchanged card. */
export const CardText = memo(function CardText({ text, className = '' }: { text: string; className?: string }) {
  // Subscribed so that a text shown before the formula renderer loaded is drawn again with it.
  useSyncExternalStore(subscribeRich, () => richVersion)
  return <div className={`card-text ${className}`}>{cardTextElements(text)}</div>
})
