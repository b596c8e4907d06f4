import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'

// Raw HTML in card text is shown as text, never parsed (no rehype-raw); react-markdown's default
// URL filter drops javascript: and other unsafe links; images are not rendered at all.
const DISALLOWED = ['img']

export function CardText({ text, className = '' }: { text: string; className?: string }) {
  return (
    <div className={`card-text ${className}`}>
      <Markdown remarkPlugins={[remarkGfm]} disallowedElements={DISALLOWED} unwrapDisallowed>
        {text}
      </Markdown>
    </div>
  )
}
