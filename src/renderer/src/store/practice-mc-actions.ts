import { reasonOf } from '@core/errors'
import type { ExamCard } from '@core/mock-exam/questions'
import { DEFAULT_STUDY_OPTIONS, Queue, type CardRecord } from '@core/model'
import { finalRating, START_GRADING, stepGrading } from '@core/practice/mc-grading'
import { buildMultipleChoice } from '@core/practice/multiple-choice'
import { mulberry32, type Random } from '@core/practice/random'
import { rememberAnswered } from '@core/practice/repeat-gap'
import { singleAsChoice } from '@core/questions/question'
import { afterGrade, pickNext, withoutCards, type NextStep, type TodayQueue } from '@core/scheduling/queue'
import { createScheduler, previewGrades, type Scheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import { undo as undoCardAction, type UndoEntry } from '@db/card-actions'
import { questionOfCard } from '@db/note-repository'
import { getSettings, optionsForDeck } from '@db/options-repository'
import { loadChoicePool } from '@db/practice-repository'
import { getCard, loadTodayQueue, recordReview } from '@db/study-repository'
import type { GetRecall, SetRecall, StoreDeps } from '@store/deps'
import { popUndo, pushUndo } from '@store/undo-stack'
import type { Grade } from 'ts-fsrs'
import type { McSession, McSlice } from '@store/practice-mc-slice'

/** What multiple-choice practice does (practice-mc-slice.ts holds its session): fetched when the first one starts. */
export type McActions = Omit<McSlice, 'mcSession'>

export function mcActions({ db, now }: StoreDeps, set: SetRecall, get: GetRecall): McActions {
  // Per session, not state: they never change what is shown by themselves.
  let mcScheduler: Scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
  let mcPool: ExamCard[] = []
  let random: Random = mulberry32(0)

  type McBase = Pick<McSession, 'deckId' | 'deckName' | 'day' | 'options' | 'queue' | 'answered' | 'correct' | 'recent' | 'undo'>

  async function showMc(base: McBase, show?: CardRecord, notice?: string) {
    const at = now()
    const from = (c: CardRecord): keyof TodayQueue => (c.queue === Queue.New ? 'fresh' : c.queue === Queue.Review ? 'review' : 'learning')
    const step: NextStep = show
      ? { kind: 'card', id: show.id, from: from(show) }
      : pickNext(base.queue, at, base.options.studyOrder, base.recent)
    const card = show ?? (step.kind === 'card' ? await getCard(db, step.id) : undefined)
    const asked = card ? await choiceFor(card) : undefined
    const { deckId, deckName, day, options, queue, answered, correct, recent, undo } = base
    set({
      mcSession: {
        deckId,
        deckName,
        day,
        options,
        queue,
        answered,
        correct,
        recent,
        undo,
        step,
        grading: START_GRADING,
        revealed: false,
        shownAt: at,
        saving: false,
        ...(notice ? { notice } : {}),
        ...(card && asked ? { card, ...asked, outcomes: previewGrades(mcScheduler, card, at) } : {})
      }
    })
  }

  /**
   * A front/back card is asked with options from related cards; a single-answer question with its
   * own options and reasons. Other question types need their own screens (study, mock exam): here
   * they are shown and graded like a flashcard, and the screen says so.
   */
  async function choiceFor(card: CardRecord): Promise<Pick<McSession, 'choice' | 'whys'>> {
    if (!card.noteType) return { choice: buildMultipleChoice(card, mcPool, random) }
    const stored = await questionOfCard(db, card)
    if (stored?.note.type === 'single') {
      const { whys, ...choice } = singleAsChoice(stored.note, card.id, random)
      return { choice, whys }
    }
    return {
      choice: {
        options: [],
        correctIndex: -1,
        reason: 'A multiple-response, ordering or matching question: answer it in Study or a mock exam'
      }
    }
  }

  async function saveMc(session: McSession, rating: Grade) {
    const card = session.card!
    const at = now()
    const outcome = previewGrades(mcScheduler, card, at)[rating]
    set({ mcSession: { ...session, saving: true } })
    try {
      const saved = await recordReview(db, card, outcome, (session.answeredAt ?? at) - session.shownAt, {
        day: session.day,
        options: session.options
      })
      const queue = withoutCards(
        afterGrade(session.queue, card.id, saved.card, saved.card.ord, session.day.end),
        saved.buried.map((c) => c.id)
      )
      const entry: UndoEntry = { label: 'Answer', before: [card, ...saved.buried], addedLogIds: [saved.logId], cardId: card.id }
      const right = session.grading.phase !== 'choosing' && session.grading.correct
      await showMc({
        ...session,
        queue,
        answered: session.answered + 1,
        correct: session.correct + (right ? 1 : 0),
        recent: rememberAnswered(session.recent, card.id),
        undo: pushUndo(session.undo, { entry, correct: right })
      })
    } catch (error) {
      set({
        mcSession: {
          ...session,
          saving: false,
          error: `Your answer was not saved (${reasonOf(error)}). Nothing was lost: press Enter to retry.`
        }
      })
    }
  }

  return {
    async startMcStudy(deckId) {
      const [options, settings, pool] = await Promise.all([optionsForDeck(db, deckId), getSettings(db), loadChoicePool(db, [deckId])])
      mcScheduler = createScheduler(options, settings.dayStartsAtHour)
      mcPool = pool
      random = mulberry32(now() % 2 ** 32)
      const day = studyDayOf(now(), settings.dayStartsAtHour)
      const queue = await loadTodayQueue(db, deckId, day, options)
      await showMc({
        deckId,
        deckName: get().library.decks.find((d) => d.id === deckId)?.name ?? deckId,
        day,
        options,
        queue,
        answered: 0,
        correct: 0,
        recent: [],
        undo: []
      })
      set((s) => ({ screen: { name: 'practice' }, practice: { ...s.practice, view: 'mc' } }))
    },

    chooseMcOption(index) {
      const session = get().mcSession
      if (!session?.choice || session.saving) return
      const grading = stepGrading(session.grading, { type: 'choose', index }, session.choice)
      if (grading === session.grading) return
      const at = now()
      const picked = session.choice.options[index]!
      const pickedAnswers = picked.correct || session.whys ? undefined : mcPool.find((c) => c.id === picked.cardKey)?.question
      // The buttons show intervals from the moment of the answer.
      set({
        mcSession: {
          ...session,
          grading,
          answeredAt: at,
          outcomes: previewGrades(mcScheduler, session.card!, at),
          ...(pickedAnswers ? { pickedAnswers } : {})
        }
      })
    },

    rateMc(rating) {
      const session = get().mcSession
      if (!session?.choice || session.saving) return
      set({ mcSession: { ...session, grading: stepGrading(session.grading, { type: 'rate', rating }, session.choice) } })
    },

    revealMc() {
      const session = get().mcSession
      if (session?.card && session.choice?.options.length === 0 && !session.revealed)
        set({ mcSession: { ...session, revealed: true, answeredAt: now() } })
    },

    async nextMc(rating) {
      const session = get().mcSession
      if (!session?.card || !session.choice || session.saving) return
      if (session.choice.options.length === 0) {
        if (session.revealed && rating !== undefined) await saveMc(session, rating)
        return
      }
      const done = finalRating(stepGrading(session.grading, { type: 'next' }, session.choice))
      if (done !== undefined) await saveMc(session, done)
    },

    async resumeMc() {
      const session = get().mcSession
      if (session && session.step.kind === 'wait') await showMc(session)
    },

    async undoMc() {
      const session = get().mcSession
      const last = session?.undo.at(-1)
      if (!session || !last || session.saving) return
      const { entry } = last
      try {
        await undoCardAction(db, entry)
      } catch (error) {
        set({ mcSession: { ...session, error: `Could not undo (${reasonOf(error)}).` } })
        return
      }
      const queue = await loadTodayQueue(db, session.deckId, session.day, session.options)
      const restored = entry.cardId ? await getCard(db, entry.cardId) : undefined
      const base = {
        ...session,
        queue,
        undo: popUndo(session.undo),
        answered: session.answered - 1,
        correct: session.correct - (last.correct ? 1 : 0)
      }
      await showMc(base, restored, 'Undone: your last answer is back.')
    }
  }
}
