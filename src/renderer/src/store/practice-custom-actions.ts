import { reasonOf } from '@core/errors'
import { forgottenCardKeys, selectCustomStudy, type CustomStudyMode, type CustomStudyRequest } from '@core/practice/custom-study'
import { askAgainLater } from '@core/practice/repeat-gap'
import { previewGrades, type GradeOutcome, type Scheduler } from '@core/scheduling/scheduler'
import { getSettings, schedulerForDeck } from '@db/options-repository'
import { customStudyCandidates, tagsOfDecks, type CandidateRequest } from '@db/practice-repository'
import { getCard, recordReview } from '@db/study-repository'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import { wholeNumber } from '@store/practice-form'
import { Rating, type Grade } from 'ts-fsrs'
import type { CustomKind, CustomSession, CustomSlice } from '@store/practice-custom-slice'

const TITLES: Record<CustomKind, string> = {
  'review-ahead': 'Review ahead',
  tags: 'Study by tag',
  forgotten: 'Forgotten cards',
  'preview-new': 'Preview new cards'
}

const NOTHING_FOUND: Record<CustomKind, string> = {
  'review-ahead': 'No review cards fall due in those days.',
  tags: 'No card in these decks has those tags.',
  forgotten: 'You have not answered Again on any card in those days.',
  'preview-new': 'These decks have no new cards left.'
}

/** What custom study does (practice-custom-slice.ts holds its session and form): fetched when it is first used. */
export type CustomActions = Omit<CustomSlice, 'customSession' | 'editCustomForm'>

export function customActions({ db, now }: StoreDeps, set: SetRecall, get: GetRecall): CustomActions {
  const customSchedulers = new Map<string, Scheduler>()
  const patchPractice = (p: Partial<RecallState['practice']>) => set((s) => ({ practice: { ...s.practice, ...p } }))

  async function showCustom(session: CustomSession, index: number) {
    const card = index < session.keys.length ? await getCard(db, session.keys[index]!) : undefined
    const at = now()
    let outcomes: Record<Grade, GradeOutcome> | undefined
    if (card && session.mode === 'reschedule') {
      let scheduler = customSchedulers.get(card.deckId)
      if (!scheduler) customSchedulers.set(card.deckId, (scheduler = await schedulerForDeck(db, card.deckId)))
      outcomes = previewGrades(scheduler, card, at)
    }
    const next: CustomSession = { ...session, index, revealed: false, shownAt: at, saving: false }
    delete next.card
    delete next.outcomes
    delete next.error
    set({ customSession: { ...next, ...(card ? { card } : {}), ...(outcomes ? { outcomes } : {}) } })
  }

  return {
    async loadCustomTags() {
      const { deckId } = get().practice.customForm
      const deckIds = deckId ? [deckId] : get().library.decks.map((d) => d.id)
      patchPractice({ tags: await tagsOfDecks(db, deckIds) })
    },

    async startCustomStudy() {
      const form = get().practice.customForm
      const deckIds = form.deckId ? [form.deckId] : get().library.decks.map((d) => d.id)
      const fail = (customError: string) => patchPractice({ customError })
      const days = wholeNumber(form.days, 'Days', 1, 365)
      const count = wholeNumber(form.count, 'Number of cards', 1, 1000)
      const tags = form.tags.split(/[\s,]+/).filter(Boolean)
      let candidate: CandidateRequest
      if (form.kind === 'review-ahead' || form.kind === 'forgotten') {
        if (typeof days === 'string') return fail(days)
        candidate = { kind: form.kind, days }
      } else if (form.kind === 'preview-new') {
        if (typeof count === 'string') return fail(count)
        candidate = { kind: 'preview-new', count }
      } else {
        if (tags.length === 0) return fail('Type at least one tag')
        candidate = { kind: 'tags' }
      }
      const at = now()
      const { dayStartsAtHour } = await getSettings(db)
      const scope = { now: at, dayStartsAtHour, deckIds }
      const { cards, againReviews } = await customStudyCandidates(db, candidate, scope)
      const request: CustomStudyRequest =
        candidate.kind === 'forgotten'
          ? { kind: 'forgotten', cardKeys: forgottenCardKeys(againReviews, candidate.days, at, dayStartsAtHour) }
          : candidate.kind === 'tags'
            ? { kind: 'tags', tags }
            : candidate
      const keys = selectCustomStudy(cards, request, scope)
      if (keys.length === 0) return fail(NOTHING_FOUND[form.kind])
      customSchedulers.clear()
      const mode: CustomStudyMode = form.reschedule ? 'reschedule' : 'preview'
      const session: CustomSession = {
        mode,
        title: TITLES[form.kind],
        keys,
        index: 0,
        revealed: false,
        shownAt: at,
        saving: false,
        graded: 0
      }
      await showCustom(session, 0)
      set((s) => ({ practice: { ...s.practice, view: 'custom', customError: undefined } }))
    },

    revealCustom() {
      const session = get().customSession
      if (session?.card && !session.revealed) set({ customSession: { ...session, revealed: true } })
    },

    async nextCustom(rating) {
      const session = get().customSession
      if (!session?.card || !session.revealed || session.saving) return
      if (session.mode === 'preview') return showCustom(session, session.index + 1)
      if (rating === undefined || !session.outcomes) return
      set({ customSession: { ...session, saving: true } })
      try {
        // Graded at the moment of the answer, like normal study.
        const scheduler = customSchedulers.get(session.card.deckId)!
        const outcome = previewGrades(scheduler, session.card, now())[rating]
        await recordReview(db, session.card, outcome, now() - session.shownAt)
        // A card answered Again is asked again, as in Anki's filtered decks, but only after a few others.
        const keys = rating === Rating.Again ? askAgainLater(session.keys, session.index) : session.keys
        await showCustom({ ...session, keys, graded: session.graded + 1 }, session.index + 1)
      } catch (error) {
        set({
          customSession: {
            ...session,
            saving: false,
            error: `Your answer was not saved (${reasonOf(error)}). Grade the card again to retry.`
          }
        })
      }
    }
  }
}
