import { memo, type AnchorHTMLAttributes } from 'react'
import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

// Raw HTML in card text is shown as text, never parsed (no rehype-raw); images are not rendered
// at all (decks carry no media yet, and a remote image would be a tracking pixel).
const DISALLOWED = ['img']

/** Only plain web links survive; anything else (javascript:, data:, file:…) becomes plain text. */
export function safeHref(href: string | undefined): string | undefined {
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

/**
 * Card text as safe Markdown. Memoised: parsing is the costly part of a study-screen render, and
 * the screen re-renders around an unchanged card (answer shown, grade saving).
 */
export const CardText = memo(function CardText({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`card-text ${className}`}>
      <Markdown remarkPlugins={PLUGINS} disallowedElements={DISALLOWED} unwrapDisallowed components={COMPONENTS}>
        {text}
      </Markdown>
    </div>
  )
})
