import { isLocalMediaName } from '@shared/media/media-refs'
import { useMediaView } from '@store/media-urls'
import type { ImgHTMLAttributes } from 'react'

function decodedName(src: string): string {
  try {
    return decodeURIComponent(src)
  } catch {
    return src
  }
}

/**
 * A visible stand-in that names what cannot be shown, so a card never just looks empty; an image's
 * alt text (`![diagram of SageMaker](x.png)`) is shown too, since it says what the picture was.
 */
function Placeholder({ name, why, alt }: { name: string; why: string; alt?: string }) {
  const said = alt?.trim() && alt.trim() !== name ? alt.trim() : undefined
  return (
    <span className="media-placeholder" role="img" aria-label={`${why}: ${name}${said ? ` (${said})` : ''}`}>
      <span aria-hidden="true">▧</span> {why}: <span className="font-mono">{name}</span>
      {said ? <span className="media-alt"> ({said})</span> : null}
    </span>
  )
}

/**
 * An image or sound of card text (`![alt](name.png)`, `[sound:name.mp3]`): only a file of the
 * collection, shown through its object URL. A web address, a `file:` or `data:` URL or a path is
 * never fetched; it shows as a placeholder with its name, as does a file the collection lacks.
 */
export function CardMedia({ src, alt }: ImgHTMLAttributes<HTMLImageElement>) {
  const name = decodedName(typeof src === 'string' ? src : '')
  if (!name) return <Placeholder name={alt || '(no name)'} why="Image not shown" />
  if (!isLocalMediaName(name)) return <Placeholder name={name} why="Not shown (not a file of the collection)" alt={alt} />
  return <LocalMedia name={name} alt={alt ?? ''} />
}

function LocalMedia({ name, alt }: { name: string; alt: string }) {
  const view = useMediaView(name)
  if (view.state === 'missing') return <Placeholder name={name} why="Missing media" alt={alt} />
  if (view.state === 'loading') return <span className="media-loading" aria-busy="true" aria-label={alt || name} />
  if (view.kind === 'sound')
    return (
      <span className="media-sound">
        <audio controls preload="metadata" src={view.url} aria-label={`Sound: ${name}`} />
      </span>
    )
  return <img className="media-image" src={view.url} alt={alt} title={alt || undefined} draggable={false} />
}
