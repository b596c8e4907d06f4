import { needsRich } from '@components/card-text-syntax'
import { memo, Suspense, use, useSyncExternalStore, type ReactElement } from 'react'

// Card text is Markdown, shown safely (card-markdown.tsx): raw HTML as text, media only from the
// collection, plain web links only. The pipeline is fetched right after the first screen is drawn
// (loadCardText, called from main.tsx), so it is not in the first download; a card drawn before
// it arrived waits for it (Suspense) rather than showing its Markdown raw. Formulas and code are
// rendered by KaTeX and highlight.js, loaded when a card first needs them.
type MarkdownModule = typeof import('@components/card-markdown')
let markdown: MarkdownModule | undefined
let markdownLoading: Promise<MarkdownModule | null> | undefined

/**
 * Fetches the Markdown pipeline (once). Resolves null if it cannot be fetched (a broken install):
 * card text is then shown as written for the rest of the session (Chromium keeps a failed dynamic
 * import's failure, so trying again would fail the same way).
 */
export function loadCardText(): Promise<MarkdownModule | null> {
  markdownLoading ??= import('@components/card-markdown').then(
    (module) => (markdown = module),
    () => null
  )
  return markdownLoading
}

type Rich = typeof import('@components/card-text-rich')
let rich: Rich | undefined
let loading: Promise<void> | undefined
let richVersion = 0
const richListeners = new Set<() => void>()

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

/** Parsed card texts, most recently used last; a few sessions' worth, so memory stays flat. */
const parsed = new Map<string, ReactElement>()
const PARSED_KEPT = 64

/**
 * The React elements of a card text, or null until the Markdown pipeline is in (its fetch is then
 * started). Parsing is the costly part of showing a card (about 0.4 ms a question here), so each
 * text is parsed once and kept; elements are immutable, so a kept one can be shown again anywhere.
 */
export function cardTextElements(text: string): ReactElement | null {
  if (!markdown) {
    void loadCardText()
    return null
  }
  const waiting = needsRich(text) && !rich
  if (waiting) loadRich()
  const key = waiting ? `plain:${text}` : text
  const kept = parsed.get(key)
  if (kept) {
    parsed.delete(key)
    parsed.set(key, kept)
    return kept
  }
  const elements = markdown.markdownElements(text, rich)
  parsed.set(key, elements)
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!)
  return elements
}

/** Parses a text ahead of time (the likely next question, while the answer is read). */
export function prepareCardText(text: string): void {
  cardTextElements(text)
}

/** The text's elements; suspends while the Markdown pipeline is fetched, shows the text as written if it cannot be. */
function CardTextBody({ text }: { text: string }) {
  // Subscribed so that a text shown before the formula renderer loaded is drawn again with it.
  useSyncExternalStore(subscribeRich, () => richVersion)
  const elements = cardTextElements(text)
  if (elements) return elements
  const loaded = use(loadCardText())
  return loaded ? cardTextElements(text) : <p className="whitespace-pre-wrap">{text}</p>
}

/** Card text as safe Markdown; memoised, since the study screen re-renders around an unchanged card. */
export const CardText = memo(function CardText({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`card-text ${className}`}>
      <Suspense fallback={null}>
        <CardTextBody text={text} />
      </Suspense>
    </div>
  )
})
