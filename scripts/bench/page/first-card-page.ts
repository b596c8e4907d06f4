import { bareCounts, bareQueue, openRaw, type CountsSpec, type QueueSpec } from './raw-idb'

/**
 * The limit of the app's start, as a page of its own: from navigation start, open the collection
 * with the bare IndexedDB API, read what the deck list's numbers need (bareCounts) and show the
 * decks with those numbers, then read the deck's queue as the app's study screen does (bareQueue)
 * and show its first question, painted. The numbers shown and the queue's make-up are the app's,
 * read by the bench page beforehand (`bench.bare` in localStorage). It reports as the recorder
 * does for the app (listAt, cardPaintedAt, on the page's clock).
 */
interface BareSpec {
  counts: CountsSpec
  queue: QueueSpec
}

const state = (window as unknown as { __bench: { listAt: number; cardAt: number; cardPaintedAt: number } }).__bench

async function start() {
  const spec = JSON.parse(localStorage.getItem('bench.bare') ?? 'null') as BareSpec | null
  if (!spec) throw new Error('no bench.bare spec in localStorage')
  const db = await openRaw()
  const { decks } = await bareCounts(db, spec.counts)
  const shown = new Map(spec.counts.decks.map((d) => [d.id, d]))
  document.getElementById('decks')!.replaceChildren(
    ...decks.map((deck) => {
      const item = document.createElement('li')
      const counts = shown.get(deck.id)
      item.textContent = `${deck.name}: ${counts?.fresh ?? 0} new, ${counts?.review ?? 0} to review`
      return item
    })
  )
  state.listAt = performance.now()
  const queue = await bareQueue(db, spec.queue)
  document.getElementById('question')!.textContent = queue[0]?.question ?? 'no card'
  state.cardAt = performance.now()
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => (state.cardPaintedAt = performance.now())
    channel.port2.postMessage(0)
  })
  db.close()
}

void start()
