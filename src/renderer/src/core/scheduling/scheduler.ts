import type { SchedulingState, StoredReviewLog, StudyOptions } from '@core/model'
import { fromFsrsCard, fromFsrsLog, toFsrsCard } from '@core/scheduling/card-state'
import { balancedInterval, balanceRandom, NORMAL_WEEK, type DayLoads, type EasyDays } from '@core/scheduling/load-balance'
import { ankiLearningSteps, hardDelaySeconds } from '@core/scheduling/steps'
import { createFixedOffsetClock, createStudyClock, type StudyClock } from '@core/time/study-clock'
import { DAY_MS } from '@shared/durations'
import { fsrs, generatorParameters, Rating, State, StrategyMode, type FSRS, type Grade } from 'ts-fsrs'

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[]

export interface GradeOutcome {
  rating: Grade
  next: SchedulingState
  log: StoredReviewLog
}

/**
 * A deck's scheduler: ts-fsrs with the deck's options and Anki's learning steps, and the study-day
 * clock it reads time on (`core/time/study-clock.ts`), so that every day it counts is a study day.
 * Call ts-fsrs only through the functions of this module, which convert times both ways.
 */
export interface Scheduler {
  fsrs: FSRS
  clock: StudyClock
  /** Set when reviews are placed by the load balancer or easy days (ts-fsrs's own fuzz is then off). */
  balance?: { easyDays: EasyDays; maximumInterval: number }
}

export function createScheduler(options: StudyOptions, dayStartsAtHour: number): Scheduler {
  // Presets saved before these options existed read as Anki's defaults.
  const easyDays = options.easyDays?.length === 7 ? options.easyDays : NORMAL_WEEK
  const balanced = options.enable_fuzz && ((options.loadBalancing ?? true) || easyDays.some((load) => load < 1))
  const algorithm = fsrs(
    generatorParameters({
      request_retention: options.request_retention,
      maximum_interval: options.maximum_interval,
      learning_steps: options.learning_steps,
      relearning_steps: options.relearning_steps,
      // The load balancer draws from the fuzz range itself.
      enable_fuzz: options.enable_fuzz && !balanced,
      enable_short_term: true,
      ...(options.w ? { w: options.w } : {})
    })
  ).useStrategy(StrategyMode.LEARNING_STEPS, ankiLearningSteps)
  return {
    fsrs: algorithm,
    clock: createStudyClock(dayStartsAtHour),
    ...(balanced ? { balance: { easyDays, maximumInterval: options.maximum_interval } } : {})
  }
}

const fixedOffsetSchedulers = new WeakMap<Scheduler, Map<number, Scheduler>>()

/**
 * The same scheduler on a study-day clock at a fixed offset from UTC (minutes east), the same on
 * every machine whatever its own time zone: a sync's replay of another device's grade.
 */
export function atUtcOffset(scheduler: Scheduler, offsetMinutes: number): Scheduler {
  let byOffset = fixedOffsetSchedulers.get(scheduler)
  if (!byOffset) fixedOffsetSchedulers.set(scheduler, (byOffset = new Map<number, Scheduler>()))
  let fixed = byOffset.get(offsetMinutes)
  if (!fixed)
    byOffset.set(offsetMinutes, (fixed = { ...scheduler, clock: createFixedOffsetClock(scheduler.clock.dayStartsAtHour, offsetMinutes) }))
  return fixed
}

/**
 * What each of the four grades would do to a card at `now`. The study screen shows these
 * intervals on the buttons when the answer is revealed; the grade itself is computed again at
 * the moment of the key press, so a card left on screen for a while is scheduled from then.
 * A card whose last review is later than `at` (another computer's clock was ahead) is graded at
 * its last review.
 */
export function previewGrades(scheduler: Scheduler, state: SchedulingState, at: number, loads?: DayLoads): Record<Grade, GradeOutcome> {
  // A card last reviewed on a computer whose clock is ahead (sync) is graded at that review, never
  // before it: time within a card does not run backwards (as in core/sync/card-replay.ts).
  const now = Math.max(at, state.last_review ?? at)
  const preview = scheduler.fsrs.repeat(toFsrsCard(state, scheduler.clock), new Date(scheduler.clock.toClock(now)))
  const outcome = (rating: Grade): GradeOutcome => {
    const item = preview[rating]
    const next = fromFsrsCard(item.card, scheduler.clock, now)
    return {
      rating,
      next: rating === Rating.Hard ? withExactHardStep(scheduler, state, next, now) : next,
      log: fromFsrsLog(item.log, state, now)
    }
  }
  const outcomes = {
    [Rating.Again]: outcome(Rating.Again),
    [Rating.Hard]: outcome(Rating.Hard),
    [Rating.Good]: outcome(Rating.Good),
    [Rating.Easy]: outcome(Rating.Easy)
  }
  return placeReviews(scheduler, state, outcomes, now, loads)
}

/**
 * Each review outcome's day, as Anki places it: at most the maximum interval (ts-fsrs lets Good and
 * Easy pass it by a day or two to keep them apart); Easy from (re)learning at least a day after
 * Good's FSRS interval, even when Good stays in learning (Anki's `answer_easy`); and, with the load
 * balancer or easy days on, drawn from the fuzz range (`core/scheduling/load-balance.ts`) — towards
 * lighter days for a review card when the session knows the days' loads, uniformly (plain fuzz)
 * otherwise and for a card leaving learning. Hard, Good and Easy keep their order.
 */
function placeReviews(
  scheduler: Scheduler,
  before: SchedulingState,
  outcomes: Record<Grade, GradeOutcome>,
  now: number,
  loads: DayLoads | undefined
): Record<Grade, GradeOutcome> {
  const { clock, balance } = scheduler
  const { maximum_interval: maximum, request_retention } = scheduler.fsrs.parameters
  const at = clock.toClock(now)
  const today = Math.floor(at / DAY_MS)
  const reviewing = before.state === State.Review
  const dayLoads: DayLoads =
    loads && reviewing ? loads : { reviewsOn: () => 0, weekdayOf: (days) => new Date((today + days) * DAY_MS).getUTCDay() }
  const easyDays = balance && loads && reviewing ? balance.easyDays : NORMAL_WEEK
  const result = { ...outcomes }
  let minimum = 1
  for (const rating of [Rating.Hard, Rating.Good, Rating.Easy] as const) {
    const { next } = outcomes[rating]
    if (next.state !== State.Review || next.scheduled_days < 1) continue
    if (rating === Rating.Easy && !reviewing) {
      const good = outcomes[Rating.Good].next.stability * scheduler.fsrs.calculate_interval_modifier(request_retention)
      minimum = Math.max(minimum, Math.min(Math.max(1, Math.round(good)), maximum) + 1)
    }
    const floor = Math.min(minimum, maximum)
    const days = balance
      ? balancedInterval({
          interval: next.scheduled_days,
          elapsedDays: next.elapsed_days,
          maximumInterval: maximum,
          minimum: floor,
          loads: dayLoads,
          easyDays,
          random: balanceRandom(`${before.reps}:${before.last_review ?? before.due}:${rating}`)
        })
      : Math.min(Math.max(next.scheduled_days, floor), maximum)
    minimum = days + 1
    if (days !== next.scheduled_days)
      result[rating] = { ...outcomes[rating], next: { ...next, scheduled_days: days, due: clock.fromClock(at + days * DAY_MS) } }
  }
  return result
}

/**
 * ts-fsrs rounds a step to whole minutes; Anki's Hard on the first of the steps 1m 10m is 5½
 * minutes, so a Hard that stays in (re)learning is given Anki's delay to the second.
 */
function withExactHardStep(scheduler: Scheduler, before: SchedulingState, next: SchedulingState, now: number): SchedulingState {
  if ((next.state !== State.Learning && next.state !== State.Relearning) || next.scheduled_days !== 0) return next
  const { learning_steps, relearning_steps } = scheduler.fsrs.parameters
  const relearning = before.state === State.Review || before.state === State.Relearning
  const seconds = hardDelaySeconds(
    relearning ? relearning_steps : learning_steps,
    before.state === State.Review ? 0 : before.learning_steps
  )
  return seconds === undefined || seconds >= 86_400 ? next : { ...next, due: now + seconds * 1000 }
}

/**
 * A card's state after one grade at `now` (replays and rebuilds): the grade's outcome as the study
 * screen computes it, without the session's loads, so a review's day is plain fuzz.
 */
export function nextState(scheduler: Scheduler, state: SchedulingState, now: number, rating: Grade): SchedulingState {
  return previewGrades(scheduler, state, now)[rating].next
}

/** A card made new again at `now` (Anki's Forget, keeping its counts), with its Manual log row. */
export function forgetState(scheduler: Scheduler, state: SchedulingState, now: number): { next: SchedulingState; log: StoredReviewLog } {
  const { card, log } = scheduler.fsrs.forget(toFsrsCard(state, scheduler.clock), new Date(scheduler.clock.toClock(now)), true)
  return { next: { ...fromFsrsCard(card, scheduler.clock, now), due: now }, log: fromFsrsLog(log, state, now) }
}

/** The probability ts-fsrs gives of recalling a card at `now`, whole study days elapsed (Anki's card info). */
export function retrievabilityOnDay(scheduler: Scheduler, state: SchedulingState, now: number): number | undefined {
  if (state.state === State.New) return undefined
  return scheduler.fsrs.get_retrievability(toFsrsCard(state, scheduler.clock), new Date(scheduler.clock.toClock(now)), false)
}
