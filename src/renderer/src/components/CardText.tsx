import { memo, type AnchorHTMLAttributes, type ReactElement } from 'react'
import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

// Raw HTML in card text is shown as text, never parsed (no rehype-raw); images are not rendered
// at all (decks carry no media yet, and a remote image would be a tracking pixel).
const DISALLOWED = ['img']

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

const COMPONENTS: Components = { a: CardLink }
const PLUGINS = [remarkGfm]

/** Parsed card texts, most recently used last; a few sessions' worth, so memory stays flat. */
const parsed = new Map<string, ReactElement>()
const PARSED_KEPT = 64

/**
 * The React elements of a card text. Parsing is the costly part of showing a card (about 0.4 ms a
 * question here), so each text is parsed once and kept; elements are immutable, so a kept one can
 * be shown again anywhere.
 */
export function cardTextElements(text: string): ReactElement {
  const kept = parsed.get(text)
  if (kept) {
    parsed.delete(text)
    parsed.set(text, kept)
    return kept
  }
  const elements = Markdown({
    remarkPlugins: PLUGINS,
    disallowedElements: DISALLOWED,
    unwrapDisallowed: true,
    components: COMPONENTS,
    children: text
  })
  parsed.set(text, elements)
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!)
  return elements
}

/** Parses a text ahead of time (the likely next question, while the answer is read). */
export function prepareCardText(text: string): void {
  cardTextElements(text)
}

/** Card text as safe Markdown; memoised, since the study screen re-renders around an unchanged card. */
export const CardText = memo(function CardText({ text, className = '' }: { text: string; className?: string }) {
  return <div className={`card-text ${className}`}>{cardTextElements(text)}</div>
})
