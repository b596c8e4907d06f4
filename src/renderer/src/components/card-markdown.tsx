import { CardMedia } from '@components/CardMedia'
import { INLINE_MATH, needsRich } from '@components/card-text-syntax'
import { splitUrlEnd } from '@shared/deck/url-end'
import { soundsAsImages } from '@shared/media/media-refs'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type { AnchorHTMLAttributes, ReactElement } from 'react'
import Markdown, { type Components, type Options } from 'react-markdown'

/**
 * The Markdown pipeline of card text (react-markdown, GFM, the link and sound rules), not in the
 * first download: CardText.tsx loads it a moment after the first card (text with no Markdown in
 * it is drawn without it, card-text-plain.ts) and keeps what it parsed.
 */

type Rich = typeof import('@components/card-text-rich')

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

/**
 * GitHub-flavoured Markdown for reading only: remark-gfm would also add GFM's Markdown writers,
 * which a card never uses and which pulled mdast-util-to-markdown into the first download.
 */
function remarkGfmRead(this: unknown) {
  const data = (this as { data(): Record<string, unknown[] | undefined> }).data()
  ;(data.micromarkExtensions ??= []).push(gfm())
  ;(data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown())
}

const PLUGINS = [remarkGfmRead, remarkUrlEnds]

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

function markdownOptions(rawText: string, rich: Rich | undefined): Options {
  const base: Options = { remarkPlugins: PLUGINS, disallowedElements: DISALLOWED, unwrapDisallowed: true, components: COMPONENTS }
  const text = soundsAsImages(rawText)
  if (!rich || !needsRich(text)) return { ...base, children: text }
  const source = withDollarMath(text)
  const plugins = rich.richPlugins(INLINE_MATH.test(source))
  return { ...base, remarkPlugins: [...PLUGINS, ...plugins.remark], rehypePlugins: plugins.rehype, children: source }
}

/** A card text's React elements: safe Markdown, with formulas and code when `rich` is loaded. */
export function markdownElements(text: string, rich: Rich | undefined): ReactElement {
  return Markdown(markdownOptions(text, rich))
}
