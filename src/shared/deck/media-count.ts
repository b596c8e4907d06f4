import { plural } from '@shared/plural'

/** The images, sounds and videos a field referred to, counted so that a card can say what was left out. */
export interface MediaCount {
  images: number
  sounds: number
  videos: number
}

/** "(image not imported)", "(2 images and 1 sound not imported)"; undefined when nothing was left out. */
export function mediaNote(media: MediaCount): string | undefined {
  const counts = [
    [media.images, 'image'],
    [media.sounds, 'sound'],
    [media.videos, 'video']
  ] as const
  const found = counts.filter(([n]) => n > 0)
  if (found.length === 0) return undefined
  if (found.length === 1 && found[0]![0] === 1) return `(${found[0]![1]} not imported)`
  const parts = found.map(([n, what]) => plural(n, what))
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
  return `(${list} not imported)`
}

export function addMedia(into: MediaCount, from: MediaCount): MediaCount {
  into.images += from.images
  into.sounds += from.sounds
  into.videos += from.videos
  return into
}
