import type { MembershipChange } from '@core/authoring/card-drafts'
import { reasonOf } from '@core/errors'
import { agree, plural } from '@shared/plural'
import { type CardRecord, DEFAULT_STUDY_OPTIONS } from '@core/model'
import { createScheduler, type Scheduler } from '@core/scheduling/scheduler'
import { undo, type UndoEntry } from '@db/card-actions'
import { getSettings, schedulerForDeck } from '@db/options-repository'
import { NO_SELECTION } from '@store/browse-selection'
import type { BrowseSlice, BrowseState } from '@store/browse-state'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { loadBrowseCode } from '@store/load-browse-code'
import { popUndo, pushUndo } from '@store/undo-stack'

type BrowseActions = Pick<
  BrowseSlice,
  'suspendSelected' | 'forgetSelected' | 'tagSelected' | 'moveSelected' | 'deleteSelected' | 'copyDeckToMine' | 'undoBrowse' | 'saveEdit'
>

interface ActionDeps extends Pick<StoreDeps, 'db' | 'now'> {
  get: () => RecallState
  browse: () => BrowseState
  patch: (p: Partial<BrowseState>) => void
  /** Reads changed cards again, drops removed ones, and searches again. */
  applyChanges: (changed: readonly string[], removed?: readonly string[]) => Promise<void>
}

/**
 * What Browse does to the chosen cards (suspend, reset, tag, move, delete, copy a deck, edit, and
 * undo of each): one transaction per action, one busy flag, a notice or a problem, and the list
 * and deck counts refreshed after.
 */
export function createBrowseActions({ db, now, get, browse, patch, applyChanges }: ActionDeps): BrowseActions {
  type Outcome = { notice: string; changed: string[]; removed?: string[]; undo?: UndoEntry }
  async function act(run: () => Promise<Outcome | { problem: string }>) {
    if (browse().busy) return false
    patch({ busy: true, notice: undefined, problem: undefined })
    let outcome: Outcome | { problem: string }
    try {
      outcome = await run()
    } catch (error) {
      // Every action is one transaction: when it fails, it left nothing half-written.
      patch({ busy: false, problem: `That did not work (${reasonOf(error)}). Nothing was changed.` })
      return false
    }
    if ('problem' in outcome) {
      patch({ busy: false, problem: outcome.problem })
      return false
    }
    if (outcome.undo) patch({ undo: pushUndo(browse().undo, outcome.undo) })
    try {
      await applyChanges(outcome.changed, outcome.removed)
      patch({ busy: false, notice: outcome.notice })
      await get().refreshCounts()
    } catch (error) {
      patch({
        busy: false,
        problem: `${outcome.notice} The list could not be refreshed (${reasonOf(error)}): open Browse again to see it.`
      })
    }
    return true
  }

  const cardsWord = (n: number) => plural(n, 'card')
  const undoHint = ' Ctrl+Z undoes.'
  const fromEntry = (entry: UndoEntry, notice: string): Outcome => ({
    notice: notice + (entry.before.length ? undoHint : ''),
    changed: [...entry.before.map((c) => c.id), ...(entry.addedCardIds ?? [])],
    ...(entry.before.length ? { undo: entry } : {})
  })
  const fromMembership = (change: MembershipChange, notice: string) => ({ notice, changed: change.added, removed: change.removed })

  async function schedulers(ids: string[]): Promise<(deckId: string) => Scheduler> {
    // A card key starts with its deck's id.
    const deckIds = new Set(ids.map((id) => id.slice(0, id.indexOf('/'))))
    const made = new Map<string, Scheduler>()
    for (const id of deckIds) made.set(id, await schedulerForDeck(db, id))
    const fallback = createScheduler(DEFAULT_STUDY_OPTIONS, (await getSettings(db)).dayStartsAtHour)
    return (deckId) => made.get(deckId) ?? fallback
  }

  return {
    suspendSelected: async (suspended) => {
      const ids = get().browseTargets()
      await act(async () => {
        const { undo, after } = await (await loadBrowseCode()).browseDb.suspendCards(db, ids, suspended)
        return fromEntry(undo, `${suspended ? 'Suspended' : 'Unsuspended'} ${cardsWord(after.length)}.`)
      })
    },

    forgetSelected: async () => {
      const ids = get().browseTargets()
      const schedulerOf = await schedulers(ids)
      await act(async () => {
        const { undo, after } = await (await loadBrowseCode()).browseDb.forgetCards(db, ids, schedulerOf, now())
        return fromEntry(undo, `Reset ${cardsWord(after.length)} to new.`)
      })
    },

    async tagSelected(text, mode) {
      const tags = (await loadBrowseCode()).parseTags(text)
      if (tags.length === 0) {
        patch({ problem: 'Type at least one tag.' })
        return false
      }
      const ids = get().browseTargets()
      return act(async () => {
        const result = await (
          await loadBrowseCode()
        ).browseDb.changeTags(db, ids, mode === 'add' ? tags : [], mode === 'remove' ? tags : [])
        if (!result.ok) return { problem: result.message }
        return fromEntry(result.undo, `${mode === 'add' ? 'Tagged' : 'Untagged'} ${cardsWord(result.after.length)}.`)
      })
    },

    moveSelected: (deckId) => {
      const ids = get().browseTargets()
      const name = browse().decks.find((d) => d.id === deckId)?.name ?? deckId
      return act(async () => {
        const result = await (await loadBrowseCode()).moveCards(db, ids, deckId)
        return result.ok ? fromMembership(result, `Moved ${cardsWord(result.added.length)} to "${name}".`) : { problem: result.message }
      })
    },

    deleteSelected: () => {
      const ids = get().browseTargets()
      return act(async () => {
        const result = await (await loadBrowseCode()).deleteCards(db, ids)
        if (!result.ok) return { problem: result.message }
        patch({ selected: NO_SELECTION, ...(result.removed.includes(browse().editingId ?? '') ? { editingId: undefined } : {}) })
        return fromMembership(
          result,
          `Deleted ${cardsWord(result.removed.length)} and ${agree(result.removed.length, 'its', 'their')} history.`
        )
      })
    },

    async copyDeckToMine(deckId) {
      await act(async () => {
        const result = await (await loadBrowseCode()).copyDeck(db, deckId, now())
        if (!result.ok) return { problem: result.message }
        const ids = await db.cards.where('deckId').equals(result.deck.id).primaryKeys()
        patch({ deckFilter: result.deck.id })
        return { notice: `Copied ${cardsWord(result.deck.cardCount)} to your new deck "${result.deck.name}".`, changed: ids }
      })
    },

    async undoBrowse() {
      const entry = browse().undo.at(-1)
      if (!entry || browse().busy) return
      await act(async () => {
        await undo(db, entry)
        patch({ undo: popUndo(browse().undo) })
        return {
          notice: `Undone: ${entry.label.toLowerCase()}.`,
          changed: entry.before.map((c: CardRecord) => c.id),
          ...(entry.addedCardIds?.length ? { removed: entry.addedCardIds } : {})
        }
      })
    },

    async saveEdit(text, tags) {
      const id = browse().editingId
      if (!id) return false
      return act(async () =>
        fromEntry(await (await loadBrowseCode()).browseDb.saveCardEdit(db, id, text, tags), 'Card saved; its progress is kept.')
      )
    }
  }
}
