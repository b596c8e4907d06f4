import { RecallError } from '@core/errors'
import type { CardRecord } from '@core/model'

/**
 * Refuses a grade computed from a card that is no longer the one stored: another window or tab
 * answered, reset or edited it after it was shown here. Writing anyway would put back the old
 * fields and add a log row computed from a state the log no longer leads to, so the card's
 * history would stop explaining its state.
 */
export class StaleCardError extends RecallError {
  override name = 'StaleCardError'
  constructor() {
    super(
      'stale-card',
      'This card was answered or changed in another Recall window or tab after it appeared here, so this answer was not saved (saving it would mix up the card’s history). Go back to the decks and open the deck again to continue with its current state.'
    )
  }
}

/**
 * True when the stored card differs from the one shown in any field (arrays compared by items).
 * The change stamp `mod` is not compared: a card kept in memory after its own write has the old
 * stamp, and any change by someone else also changes a field that is compared.
 */
export function changedSinceShown(shown: CardRecord, stored: CardRecord | undefined): boolean {
  if (!stored) return true
  const a = shown as unknown as Record<string, unknown>
  const b = stored as unknown as Record<string, unknown>
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (key === 'mod') continue
    const x = a[key]
    const y = b[key]
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((item, i) => !Object.is(item, y[i]))) return true
    } else if (!Object.is(x, y)) return true
  }
  return false
}

/** Call inside the write transaction, with the card read in that same transaction. */
export function assertUnchangedSinceShown(shown: CardRecord, stored: CardRecord | undefined): void {
  if (changedSinceShown(shown, stored)) throw new StaleCardError()
}
