import { plainTextElements } from '@components/card-text-plain'
import { needsRich } from '@components/card-text-syntax'
import { memo, useEffect, useSyncExternalStore, type ReactElement } from 'react'

// Card text is Markdown, shown safely (card-markdown.tsx): raw HTML as text, media only from the
// collection, plain web links only. Text with no Markdown in it is drawn without the pipeline
// (card-text-plain.ts, the same markup), so a first card in plain words does not wait for it; the
// pipeline is fetched a moment after the first card text is drawn, or a few seconds after start
// (prefetchCardText, called from main.tsx), and at once by a text that needs it, which shows
// nothing (its place marked busy) until it is in rather than its Markdown raw; the study screen
// holds Show answer meanwhile (useCardTextShown), so no answer is shown under an empty question. Formulas and code are rendered by KaTeX and
// highlight.js, loaded when a card first needs them. Not React's Suspense: once a fallback has
// shown, React holds the content back until 300 ms after it (see LazyPart.tsx).

/** Bumped when the pipeline or the formula renderers arrive (or the pipeline cannot), so that a text shown before is drawn again. */
let version = 0
const listeners = new Set<() => void>()
function arrived(): void {
  version++
  for (const notify of listeners) notify()
}
const subscribe = (notify: () => void) => {
  listeners.add(notify)
  return () => listeners.delete(notify)
}

type MarkdownModule = typeof import('@components/card-markdown')
let markdown: MarkdownModule | undefined
let markdownLoading: Promise<MarkdownModule | null> | undefined
let markdownFailed = false

/**
 * Fetches the Markdown pipeline (once). Resolves null if it cannot be fetched (a broken install):
 * card text is then shown as written for the rest of the session (Chromium keeps a failed dynamic
 * import's failure, so trying again would fail the same way).
 */
export function loadCardText(): Promise<MarkdownModule | null> {
  markdownLoading ??= import('@components/card-markdown').then(
    (module) => {
      markdown = module
      arrived()
      return module
    },
    () => {
      markdownFailed = true
      arrived()
      return null
    }
  )
  return markdownLoading
}

const prefetchDelays = new Set<number>()

/** Fetches the Markdown pipeline in `delayMs`, unless it is already coming (each delay asked once). */
export function prefetchCardText(delayMs: number): void {
  if (markdownLoading || prefetchDelays.has(delayMs)) return
  prefetchDelays.add(delayMs)
  setTimeout(() => void loadCardText(), delayMs)
}

/** After the first card text is drawn, the pipeline is fetched once the person has had a moment to read it. */
const PREFETCH_AFTER_CARD_MS = 1000

type Rich = typeof import('@components/card-text-rich')
let rich: Rich | undefined
let loading: Promise<void> | undefined

function loadRich(): void {
  loading ??= import('@components/card-text-rich').then(
    (module) => {
      rich = module
      arrived()
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

/** Parsed card texts, most recently used last; a few sessions' worth, so memory stays flat. */
const parsed = new Map<string, ReactElement>()
const PARSED_KEPT = 64

/**
 * The React elements of a card text, or null until the Markdown pipeline is in (its fetch is then
 * started). Parsing is the costly part of showing a card (about 0.4 ms a question here), so each
 * text is parsed once and kept; elements are immutable, so a kept one can be shown again anywhere.
 */
export function cardTextElements(text: string): ReactElement | null {
  // A text with no Markdown in it needs no pipeline (card-text-plain.ts).
  const plain = keptElements(text, () => plainTextElements(text))
  if (plain) return plain
  if (!markdown) {
    void loadCardText()
    return null
  }
  const waiting = needsRich(text) && !rich
  if (waiting) loadRich()
  const module = markdown
  return keptElements(waiting ? `plain:${text}` : text, () => module.markdownElements(text, rich))
}

/** The elements kept under `key` (now the most recently used), else those `make` returns, kept. */
function keptElements(key: string, make: () => ReactElement | null): ReactElement | null {
  const kept = parsed.get(key)
  if (kept) {
    parsed.delete(key)
    parsed.set(key, kept)
    return kept
  }
  const elements = make()
  if (!elements) return null
  parsed.set(key, elements)
  if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!)
  return elements
}

/** Parses a text ahead of time (the likely next question, while the answer is read). */
export function prepareCardText(text: string): void {
  cardTextElements(text)
}

/**
 * Whether `text` can be drawn now (plain, or the pipeline is in, or it could not be fetched and the
 * text shows as written); redraws the caller when that changes. The study screen holds Show answer
 * until the question it answers is on the screen.
 */
export function useCardTextShown(text: string | undefined): boolean {
  useSyncExternalStore(subscribe, () => version)
  return text === undefined || cardTextElements(text) !== null || markdownFailed
}

/** Card text as safe Markdown; memoised, since the study screen re-renders around an unchanged card. */
export const CardText = memo(function CardText({ text, className = '' }: { text: string; className?: string }) {
  useSyncExternalStore(subscribe, () => version)
  useEffect(() => prefetchCardText(PREFETCH_AFTER_CARD_MS), [])
  const elements = cardTextElements(text) ?? (markdownFailed ? <p className="whitespace-pre-wrap">{text}</p> : null)
  // Until the pipeline is in, the text's place is kept and marked busy (a moment, read from disk).
  return (
    <div className={`card-text ${className}`} aria-busy={elements ? undefined : true}>
      {elements}
    </div>
  )
})
