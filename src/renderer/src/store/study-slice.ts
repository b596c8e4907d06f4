import { reasonOf } from '@core/errors'
import { applyExamMode, examModeAfterGrade, type ExamModeSession } from '@core/exam-plan/scheduling'
import { type CardRecord, DEFAULT_STUDY_OPTIONS, Queue } from '@core/model'
import { mulberry32 } from '@core/practice/random'
import { gradeOfAnswer, slowAfterMs } from '@core/questions/grade'
import { checkResponse, choose, emptyResponse, match, responseProblem, showQuestion } from '@core/questions/question'
import { buildCardHistory, type HistoryRow } from '@core/scheduling/card-history'
import { afterGrade, pickNext, withoutCards, type NextStep } from '@core/scheduling/queue'
import { dayLoadsOf, moveLoad, type ReviewLoad } from '@core/scheduling/load-balance'
import { createScheduler, previewGrades, type GradeOutcome, type Scheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR, studyDayOf } from '@core/time/study-day'
import type { UndoEntry } from '@db/card-actions'
import type { CardText } from '@db/card-actions'
import { loadExamMode } from '@db/exam-plan-repository'
import { questionOfCard } from '@db/note-repository'
import { getSettings, optionsForDeck } from '@db/options-repository'
import { reviewLoadAhead } from '@db/review-load'
import { getCard, gradedCard, loadTodayStudy, recordReview, reviewsOfCard } from '@db/study-repository'
import type { StoreDeps } from '@store/deps'
import type { RecallState } from '@store/index'
import type { SessionBase, StudyQuestion, StudySession } from '@store/study-session'
import { popUndo, pushUndo } from '@store/undo-stack'
import { type Grade } from 'ts-fsrs'
import type { StateCreator } from 'zustand'

export interface StudySlice {
  session: StudySession | null
  /** Most recent last; Ctrl+Z takes from the end. */
  undoStack: UndoEntry[]
  startStudy(deckId: string): Promise<void>
  /** Shows the answer; for an exam-style question, submits the answer given (unless it is incomplete). */
  reveal(): void
  /** Picks (or, for a multiple response or an ordering, toggles) the option at display position `at`. */
  chooseOption(at: number): void
  /** Matches a prompt of a matching question with the response at display position `at`. */
  matchItem(prompt: number, at: number): void
  grade(rating: Grade): Promise<void>
  /** Looks again for a learning card that has become due while the done screen waited. */
  resume(): Promise<void>
  leaveStudy(): Promise<void>
  buryCard(): Promise<void>
  suspendCard(): Promise<void>
  toggleFlag(flag: number): Promise<void>
  forgetCard(): Promise<void>
  editCard(text: CardText): Promise<void>
  undoLast(): Promise<void>
  /** The review history of the card on screen (Anki's card info), or null when closed. */
  cardHistory: HistoryRow[] | null
  showCardHistory(): Promise<void>
  hideCardHistory(): void
}

const SAVING_SHOWN_AFTER_MS = 150

// Bury, suspend, reset, flag, edit and undo (with the code that makes cards from notes) are
// fetched with the first of them: grading never needs them.
const cardActions = () => import('@db/card-actions')

/** The next card and its buttons' outcomes, prepared while a grade's write runs. */
interface Prepared {
  card: CardRecord
  outcomes: Record<Grade, GradeOutcome>
}

/**
 * Runs `work` in a task of its own, after what is queued now (a write's requests going out).
 * Never rejects: work that fails is done again the usual way, which reports its error.
 */
function inNextTask<T>(work: () => T): Promise<T | undefined> {
  return new Promise((resolve) =>
    setTimeout(() => {
      try {
        resolve(work())
      } catch {
        resolve(undefined)
      }
    }, 0)
  )
}

export const createStudySlice =
  ({ db, now, platform }: StoreDeps): StateCreator<RecallState, [], [], StudySlice> =>
  (set, get) => {
    // Replaced at the start of each session by one built from the deck's own options.
    let scheduler: Scheduler = createScheduler(DEFAULT_STUDY_OPTIONS, DEFAULT_DAY_STARTS_AT_HOUR)
    // The exam the session's deck is revised for, when its exam mode is on; null means plain FSRS.
    let examMode: ExamModeSession | null = null
    // Reviews due on each day ahead, for the load balancer; kept up to date after each grade.
    let reviewLoad: ReviewLoad = new Map()
    const loadsAt = (at: number) => dayLoadsOf(reviewLoad, scheduler.clock.dayNumber(at))
    const reviewDayOf = (card: CardRecord) => (card.queue === Queue.Review ? scheduler.clock.dayNumber(card.due) : undefined)
    // A grade being written: a second key press waits for it rather than grading twice.
    let gradeInFlight = false

    /** Shows `show` if given, otherwise whatever the queue says comes next. */
    async function advance(base: SessionBase, show?: CardRecord, notice?: string) {
      const at = now()
      const step: NextStep = show ? { kind: 'card', id: show.id, from: 'learning' } : nextStep(base, at)
      const card = show ?? (step.kind === 'card' ? (base.cards.get(step.id) ?? (await getCard(db, step.id))) : undefined)
      const question = card?.noteType ? await questionFor(card, at) : undefined
      const outcomes = card && applyExamMode(previewGrades(scheduler, card, at, loadsAt(at)), card.id, at, examMode)
      set({ session: shownSession(base, step, at, card && outcomes && { card, outcomes }, question, notice) })
    }

    /** What the queue says comes next; the card just answered does not come straight back while another could be shown. */
    function nextStep(base: SessionBase, at: number): NextStep {
      return pickNext(base.queue, at, base.options.studyOrder, base.lastAnsweredId ? [base.lastAnsweredId] : [])
    }

    function shownSession(
      base: SessionBase,
      step: NextStep,
      at: number,
      shown?: { card: CardRecord; outcomes: Record<Grade, GradeOutcome> },
      question?: StudyQuestion,
      notice?: string
    ): StudySession {
      return {
        deckId: base.deckId,
        deckName: base.deckName,
        day: base.day,
        options: base.options,
        queue: base.queue,
        cards: base.cards,
        ...(base.lastAnsweredId ? { lastAnsweredId: base.lastAnsweredId } : {}),
        step,
        revealed: false,
        ...(question ? { question } : {}),
        shownAt: at,
        saving: false,
        ...(notice ? { notice } : {}),
        ...(shown ?? {})
      }
    }

    /**
     * The card the queue offers after a grade that buries nothing, with its buttons' outcomes
     * (ts-fsrs and the load balancer: the costly part of showing a card), computed while the
     * grade's write is in flight. Only for a card of the session's records that is not an
     * exam-style question (that one reads its note first).
     */
    function prepareNext(base: SessionBase, loads: ReviewLoad, exam: ExamModeSession | null): Prepared | undefined {
      const at = now()
      const step = nextStep(base, at)
      const card = step.kind === 'card' ? base.cards.get(step.id) : undefined
      if (!card || card.noteType) return undefined
      const dayLoads = dayLoadsOf(loads, scheduler.clock.dayNumber(at))
      return { card, outcomes: applyExamMode(previewGrades(scheduler, card, at, dayLoads), card.id, at, exam) }
    }

    /** An exam-style question, its parts shuffled afresh each time it is shown. */
    async function questionFor(card: CardRecord, at: number): Promise<StudyQuestion | undefined> {
      const stored = await questionOfCard(db, card)
      if (!stored) return undefined
      const shown = showQuestion(stored.note, mulberry32((at ^ card.reps) >>> 0), stored.scenario)
      return { shown, response: emptyResponse(shown) }
    }

    function answerQuestion(change: (q: StudyQuestion) => StudyQuestion['response']) {
      const session = get().session
      if (!session?.question || session.revealed) return
      set({ session: { ...session, notice: undefined, question: { ...session.question, response: change(session.question) } } })
    }

    /** After anything but a grade, today's lists are read again so every count is exact. */
    async function reload(session: StudySession, show?: CardRecord, notice?: string) {
      const { queue, cards } = await loadTodayStudy(db, session.deckId, session.day, session.options)
      await advance({ ...session, queue, cards }, show, notice)
    }

    /**
     * After a change that keeps the card on screen (flag, edit): the changed cards are read again,
     * on screen and in the session's records, so a later grade starts from what is stored.
     */
    async function showChanged(session: StudySession, changed: CardRecord[], notice?: string) {
      const fresh = (await db.cards.bulkGet(changed.map((c) => c.id))).filter((c): c is CardRecord => c !== undefined)
      const cards = new Map(session.cards)
      for (const c of fresh) if (cards.has(c.id)) cards.set(c.id, c)
      const card = fresh.find((c) => c.id === session.card?.id) ?? session.card
      set({ session: { ...session, card, cards, ...(notice ? { notice } : {}) } })
    }

    function remember(entry: UndoEntry) {
      set({ undoStack: pushUndo(get().undoStack, entry) })
    }

    /** Runs an action on the card on screen, with undo and a clear message if it fails. */
    async function onCurrentCard(run: (card: CardRecord, session: StudySession) => Promise<UndoEntry>, notice: string) {
      const session = get().session
      if (!session?.card || session.saving) return
      try {
        const entry = await run(session.card, session)
        remember({ ...entry, cardId: session.card.id })
        await reload(session, undefined, notice)
      } catch (error) {
        set({ session: { ...session, error: `That did not work (${reasonOf(error)}). Nothing was changed.` } })
      }
    }

    return {
      session: null,
      undoStack: [],
      cardHistory: null,

      async showCardHistory() {
        const card = get().session?.card
        if (!card) return
        set({ cardHistory: buildCardHistory(scheduler, await reviewsOfCard(db, card.id)) })
      },

      hideCardHistory: () => set({ cardHistory: null }),

      async startStudy(deckId) {
        const deck = get().library.decks.find((d) => d.id === deckId)
        const [options, settings] = await Promise.all([optionsForDeck(db, deckId), getSettings(db)])
        const deckScheduler = createScheduler(options, settings.dayStartsAtHour)
        const day = studyDayOf(now(), settings.dayStartsAtHour)
        // Asked together (none needs another's answer), the reads before the queue's readwrite transaction.
        const [exam, load, { queue, cards }] = await Promise.all([
          loadExamMode(db, deckId, now(), settings.dayStartsAtHour),
          deckScheduler.balance ? reviewLoadAhead(db, deckId, deckScheduler.clock, now()) : new Map<number, number>(),
          loadTodayStudy(db, deckId, day, options)
        ])
        scheduler = deckScheduler
        examMode = exam
        reviewLoad = load
        await advance({ deckId, deckName: deck?.name ?? deckId, day, options, queue, cards })
        set({ screen: { name: 'study' } })
      },

      reveal() {
        const session = get().session
        if (!session?.card || session.revealed) return
        const { question } = session
        if (!question) return set({ session: { ...session, revealed: true } })
        const problem = responseProblem(question.shown, question.response)
        if (problem) return set({ session: { ...session, notice: problem } })
        const check = checkResponse(question.shown, question.response)
        const suggested = gradeOfAnswer(check.correct, now() - session.shownAt, slowAfterMs(session.card.tasks))
        set({ session: { ...session, revealed: true, notice: undefined, question: { ...question, check, suggested } } })
      },

      chooseOption: (at) => answerQuestion((q) => choose(q.shown, q.response, at)),
      matchItem: (prompt, at) => answerQuestion((q) => match(q.shown, q.response, prompt, at)),

      async grade(rating) {
        const session = get().session
        if (!session?.card || !session.revealed || session.saving || gradeInFlight) return
        const { card } = session
        // Computed at the moment of the grade, so a card left on screen is scheduled from now.
        const at = now()
        const outcome = applyExamMode(previewGrades(scheduler, card, at, loadsAt(at)), card.id, at, examMode)[rating]
        // Nothing is rendered while the write runs (a render there delays the write's callbacks by
        // its own length); only a write slower than a glance shows "saving".
        gradeInFlight = true
        const slow = setTimeout(() => {
          const current = get().session
          if (current) set({ session: { ...current, saving: true } })
        }, SAVING_SHOWN_AFTER_MS)
        try {
          // What the grade leaves is known before the write: the queue, the session's records, the
          // load ahead and exam mode after it. The next card is prepared from them while the write
          // runs (a task later, once its requests are out), so that after it commits only the
          // session is set and the screen rendered.
          const graded = gradedCard(card, outcome)
          const loadsAfter = moveLoad(reviewLoad, reviewDayOf(card), reviewDayOf(graded))
          const examAfter = examModeAfterGrade(examMode, card, graded)
          const base: SessionBase = {
            ...session,
            queue: afterGrade(session.queue, card.id, graded, graded.ord, session.day.end),
            cards: new Map(session.cards).set(card.id, graded),
            lastAnsweredId: card.id
          }
          const prepared = inNextTask(() => prepareNext(base, loadsAfter, examAfter))
          // Its siblings waiting today are buried in the same write (core/scheduling/siblings.ts).
          const saved = await recordReview(db, card, outcome, at - session.shownAt, { day: session.day, options: session.options })
          const ready = await prepared
          examMode = examAfter
          reviewLoad = loadsAfter
          // From here to the session set, nothing is awaited: the undo entry and the next card are
          // one store change, so one render (the first grade's undo would otherwise render the
          // screen once more, with the answered card, before the next one).
          const undoStack = pushUndo(get().undoStack, {
            label: 'Grade',
            before: [card, ...saved.buried],
            addedLogIds: [saved.logId],
            cardId: card.id
          })
          const after = {
            ...base,
            queue: withoutCards(
              base.queue,
              saved.buried.map((c) => c.id)
            )
          }
          const shownAt = now()
          const step = nextStep(after, shownAt)
          // The queue may say otherwise now (a sibling buried, a learning card come due meanwhile).
          if (ready && step.kind === 'card' && step.id === ready.card.id)
            set({ undoStack, session: shownSession(after, step, shownAt, ready) })
          else {
            set({ undoStack })
            await advance(after)
          }
          // Main decides whether a backup is due (at most every 30 minutes); never awaited, and
          // asked a task later, after the next card's render: the first ask of a page reads the
          // backups folder. (Not in idle time: a backup due then began when the person had already
          // left study, and held back the deck list's counts.)
          setTimeout(() => void platform.backups?.noteStudyActivity().catch(() => undefined), 0)
        } catch (error) {
          set({
            session: {
              ...session,
              saving: false,
              error: `Your answer was not saved (${reasonOf(error)}). Nothing was lost: grade the card again to retry.`
            }
          })
        } finally {
          clearTimeout(slow)
          gradeInFlight = false
        }
      },

      async resume() {
        const session = get().session
        if (session && session.step.kind === 'wait') await advance(session)
      },

      async leaveStudy() {
        set({ session: null, cardHistory: null, screen: { name: 'decks' } })
        await get().refreshCounts()
      },

      buryCard: () =>
        onCurrentCard(async (card, s) => (await cardActions()).bury(db, card, s.day), 'Card buried until tomorrow (Ctrl+Z to undo).'),
      suspendCard: () =>
        onCurrentCard(async (card) => (await cardActions()).setSuspended(db, card, true), 'Card suspended (Ctrl+Z to undo).'),
      forgetCard: () =>
        onCurrentCard(async (card) => (await cardActions()).forget(db, scheduler, card, now()), 'Card reset to new (Ctrl+Z to undo).'),

      async toggleFlag(flag) {
        const session = get().session
        if (!session?.card) return
        const entry = await (await cardActions()).toggleFlag(db, session.card, flag)
        remember({ ...entry, cardId: session.card.id })
        await showChanged(session, entry.before)
      },

      async editCard(text) {
        const session = get().session
        if (!session?.card) return
        const entry = await (await cardActions()).editCardText(db, session.card.deckId, session.card.cardId, text)
        remember({ ...entry, cardId: session.card.id })
        await showChanged(session, entry.before, 'Card edited; its progress is kept.')
      },

      async undoLast() {
        const entry = get().undoStack.at(-1)
        if (!entry) return
        try {
          await (await cardActions()).undo(db, entry)
        } catch (error) {
          set((s) => ({ session: s.session && { ...s.session, error: `Could not undo (${reasonOf(error)}).` } }))
          return
        }
        set({ undoStack: popUndo(get().undoStack) })
        const session = get().session
        if (!session) return get().refreshCounts()
        const restored = entry.cardId ? await getCard(db, entry.cardId) : undefined
        await reload(session, restored?.deckId === session.deckId ? restored : undefined, `Undone: ${entry.label.toLowerCase()}.`)
      }
    }
  }
