import type { MediaRecord } from '@core/model'
import { mediaRefs } from '@shared/media/media-refs'
import { kindOfType } from '@shared/media/media-file'
import { useSyncExternalStore } from 'react'

/**
 * The collection's images and sounds as the page shows them: object URLs (`blob:`) made from the
 * stored bytes, the only kind of media source the content security policy lets in besides the
 * app's own files. A name is read once and kept while it is in use (the most recent few hundred);
 * a name the collection lacks is remembered as missing until media is added.
 */
export type MediaView = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; url: string; kind: 'image' | 'sound' }

type Loader = (name: string) => Promise<Pick<MediaRecord, 'type' | 'bytes'> | undefined>

const KEPT = 300
const LOADING: MediaView = { state: 'loading' }
const MISSING: MediaView = { state: 'missing' }
const views = new Map<string, MediaView>()
const listeners = new Set<() => void>()
let load: Loader | undefined
/** Files of an import being previewed: shown before they are in the collection. */
let previewed = new Map<string, Pick<MediaRecord, 'type' | 'bytes'>>()

/** The store sets where media comes from (the collection's media table). */
export function setMediaLoader(loader: Loader): void {
  load = loader
}

/** While an import is previewed its files show in the preview; `[]` ends that. */
export function previewMedia(files: ReadonlyArray<{ name: string; type: string; bytes: Uint8Array }>): void {
  const names = [...previewed.keys(), ...files.map((f) => f.name)]
  previewed = new Map(files.map((f) => [f.name, f]))
  forgetMedia(names)
}

function notify(): void {
  for (const listener of listeners) listener()
}

function keep(name: string, view: MediaView): void {
  views.delete(name)
  views.set(name, view)
  while (views.size > KEPT) {
    const [oldest, old] = views.entries().next().value!
    if (old.state === 'ready') URL.revokeObjectURL(old.url)
    views.delete(oldest)
  }
}

/** What the page can show for a name now; starts reading it when it is not known yet. */
function mediaView(name: string): MediaView {
  const known = views.get(name)
  if (known) return known
  const loader = previewed.has(name) ? async () => previewed.get(name) : load
  if (!loader) return MISSING
  keep(name, LOADING)
  loader(name).then(
    (record) => {
      keep(
        name,
        record
          ? {
              state: 'ready',
              url: URL.createObjectURL(new Blob([record.bytes as Uint8Array<ArrayBuffer>], { type: record.type })),
              kind: kindOfType(record.type)
            }
          : MISSING
      )
      notify()
    },
    () => {
      views.delete(name) // a failed read is tried again the next time the card shows
      notify()
    }
  )
  return LOADING
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A component's view of one media name, redrawn when it loads. */
export function useMediaView(name: string): MediaView {
  return useSyncExternalStore(subscribe, () => views.get(name) ?? mediaView(name))
}

/**
 * Reads and decodes the images of a text ahead of time (the likely next card, while the answer is
 * read), so that after the grade the card is drawn with its pictures in the same frame.
 */
export async function preloadMedia(text: string): Promise<void> {
  const names = [...new Set(mediaRefs(text).map((ref) => ref.name))]
  await Promise.all(
    names.map(async (name) => {
      let view = mediaView(name)
      if (view.state === 'loading') {
        await new Promise<void>((resolve) => {
          const check = () => {
            if (views.get(name)?.state !== 'loading') {
              listeners.delete(check)
              resolve()
            }
          }
          listeners.add(check)
          check()
        })
        view = views.get(name) ?? MISSING
      }
      if (view.state === 'ready' && view.kind === 'image') {
        const image = new Image()
        image.src = view.url
        await image.decode().catch(() => undefined)
      }
    })
  )
}

/** Names whose files were added or removed are read again when next shown. */
export function forgetMedia(names: readonly string[]): void {
  for (const name of names) {
    const view = views.get(name)
    if (view?.state === 'ready') URL.revokeObjectURL(view.url)
    views.delete(name)
  }
  notify()
}

/** After an import or a restore: every missing name is looked up again. */
export function forgetMissingMedia(): void {
  for (const [name, view] of [...views]) if (view.state === 'missing') views.delete(name)
  notify()
}

/** After a restore, every name may stand for other bytes: all are read again. */
export function forgetAllMedia(): void {
  forgetMedia([...views.keys()])
}
