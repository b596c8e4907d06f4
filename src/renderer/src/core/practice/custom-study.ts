import { Queue, type CardRecord, type ReviewRecord } from '@core/model'
import { studyDayStart } from '@core/time/study-day'
import { Rating, State } from 'ts-fsrs'

/**
 * Custom study, as Anki's: a one-off selection of cards outside today's queue. Each function
 * only chooses cards and orders them; choosing changes no scheduling. The session built from them
 * runs in preview mode by default, where grades are not saved and no card is rescheduled, unless
 * the user opts to reschedule.
 */
export type CustomStudyRequest =
  /** Review cards due in the next `days` study days (not today: those are already in today's queue). */
  | { kind: 'review-ahead'; days: number }
  /** Cards with any of these tags (a tag also selects its children: `aws` selects `aws::s3`). */
  | { kind: 'tags'; tags: readonly string[] }
  /** Cards answered Again recently; the set comes from `forgottenCardKeys` or a database query. */
  | { kind: 'forgotten'; cardKeys: ReadonlySet<string> }
  /** The first new cards, in deck order. */
  | { kind: 'preview-new'; count: number }

export interface CustomStudyScope {
  now: number
  dayStartsAtHour: number
  /** Only cards of these decks; all decks when undefined. */
  deckIds?: readonly string[]
  /** At most this many cards (Anki's default for a custom session is 100). */
  limit?: number
}

/** `preview`: grades are shown but not saved; `reschedule`: grades are recorded as in normal study. */
export type CustomStudyMode = 'preview' | 'reschedule'

const DEFAULT_CUSTOM_STUDY_LIMIT = 100

export type CustomStudyCard = Pick<CardRecord, 'id' | 'deckId' | 'ord' | 'tags' | 'queue' | 'state' | 'due'>

/** The card keys of the session, in the order to study them. Suspended, buried and removed cards never take part. */
export function selectCustomStudy(cards: readonly CustomStudyCard[], request: CustomStudyRequest, scope: CustomStudyScope): string[] {
  const decks = scope.deckIds ? new Set(scope.deckIds) : undefined
  const active = cards.filter(
    (c) => (!decks || decks.has(c.deckId)) && c.queue !== Queue.Suspended && c.queue !== Queue.Buried && c.queue !== Queue.Removed
  )
  const limit = Math.max(0, scope.limit ?? DEFAULT_CUSTOM_STUDY_LIMIT)
  return pick(active, request, scope)
    .slice(0, limit)
    .map((c) => c.id)
}

function pick(cards: CustomStudyCard[], request: CustomStudyRequest, scope: CustomStudyScope): CustomStudyCard[] {
  switch (request.kind) {
    case 'review-ahead': {
      const from = studyDayStart(scope.now, 1, scope.dayStartsAtHour)
      const to = studyDayStart(scope.now, 1 + Math.max(0, Math.floor(request.days)), scope.dayStartsAtHour)
      return cards.filter((c) => c.state === State.Review && c.due >= from && c.due < to).sort(byDue)
    }
    case 'tags': {
      const wanted = request.tags.map((t) => t.toLowerCase())
      const matches = (tag: string) => {
        const t = tag.toLowerCase()
        return wanted.some((w) => t === w || t.startsWith(`${w}::`))
      }
      return studyOrder(cards.filter((c) => c.tags.some(matches)))
    }
    case 'forgotten':
      return studyOrder(cards.filter((c) => request.cardKeys.has(c.id)))
    case 'preview-new':
      return cards
        .filter((c) => c.state === State.New)
        .sort(byDeckOrder)
        .slice(0, Math.max(0, Math.floor(request.count)))
  }
}

/** Cards already studied, most overdue first, then new cards in deck order. */
function studyOrder(cards: CustomStudyCard[]): CustomStudyCard[] {
  const seen = cards.filter((c) => c.state !== State.New).sort(byDue)
  const fresh = cards.filter((c) => c.state === State.New).sort(byDeckOrder)
  return [...seen, ...fresh]
}

const byDue = (a: CustomStudyCard, b: CustomStudyCard) => a.due - b.due || a.id.localeCompare(b.id)
const byDeckOrder = (a: CustomStudyCard, b: CustomStudyCard) => a.deckId.localeCompare(b.deckId) || a.ord - b.ord

/** Cards rated Again in the last `days` study days, today included. */
export function forgottenCardKeys(
  reviews: Iterable<Pick<ReviewRecord, 'cardKey' | 'rating' | 'review'>>,
  days: number,
  now: number,
  dayStartsAtHour: number
): Set<string> {
  const since = studyDayStart(now, 1 - Math.max(1, Math.floor(days)), dayStartsAtHour)
  const keys = new Set<string>()
  for (const r of reviews) if (r.rating === Rating.Again && r.review >= since && r.review <= now) keys.add(r.cardKey)
  return keys
}
