import { plural } from '@core/format'
import { bytesToBase64 } from '@shared/media/base64'
import type { StoreDeps } from '@store/deps'

/**
 * Exports decks (or the whole collection) as an Anki package and asks where to save it; shared by
 * the deck's dialog and the backups dialog. The collection is read in one snapshot, the package is
 * written in a worker (shared/deck/apkg-export.ts), and the answer is the sentence to show.
 */
export async function saveAnkiPackage(
  { db, platform, now }: StoreDeps,
  deckIds: readonly string[] | 'all',
  suggestedName: string
): Promise<string> {
  const [{ apkgInputOf }, { buildApkgInWorker }] = await Promise.all([
    import('@db/apkg-export-repository'),
    import('@platform/build-apkg-in-worker')
  ])
  const input = await apkgInputOf(db, deckIds, now())
  if (input.decks.length === 0) return deckIds === 'all' ? 'There is no deck to export.' : 'This deck no longer exists.'
  const built = await buildApkgInWorker(input)
  if (!built.ok) return `The Anki package could not be written (${built.message}).`
  const { result } = built
  const saved = await platform.saveFile({ suggestedName, content: bytesToBase64(result.bytes), kind: 'deck-apkg' })
  if (saved.status === 'cancelled') return ''
  if (saved.status === 'failed') return saved.message
  const what = [plural(result.notes, 'note'), plural(result.cards, 'card'), plural(result.reviews, 'review')]
  if (result.media > 0) what.push(plural(result.media, 'media file'))
  const decks = deckIds === 'all' ? ` of ${plural(input.decks.length, 'deck')}` : ''
  return `Saved ${what.slice(0, -1).join(', ')} and ${what.at(-1)!}${decks} to ${saved.file}. Import it in Anki or AnkiDroid (File › Import).`
}
