import {
  combineDeckFigures,
  combineSimulations,
  deckColumnFigures,
  type DeckSimulation,
  type ExamDeckColumns,
  type ExamDecksFigures,
  type ExamDecksSimulation
} from '@core/exam-plan/decks-forecast'
import type { ExamCardFigures } from '@core/exam-plan/forecast'
import type { ExamPlan } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { cardsUnchangedSince, readExamDeckHeads, withColumns, type ExamDeckHead } from '@db/exam-plan-repository'
import { createForecastCache, figuresKey, FORECAST_CACHE_NAME, simulationKey, slotOf, type KeptDeck } from '@store/exam-forecast-cache'
import type { ExamSimulationRequest } from '@store/exam-plan-simulation'
import { workerCalls } from '@store/worker-calls'

/**
 * An exam's forecast, deck by deck. Each deck's figures of one walk over its card columns and its
 * simulation ("if you keep studying as scheduled", about nine tenths of the forecast's time) are
 * kept (exam-forecast-cache.ts, across page loads) for the cards they were computed from: an
 * opening reads the columns of, and computes, only the decks changed since (their cards, options,
 * today's study, the study day), so that after a restart with nothing studied it reads no card
 * columns at all. The figures are given first, to be painted; the simulation follows, computed
 * in a worker (exam-forecast-worker.ts) so that the page stays free meanwhile, or on the calling
 * thread where there are no workers (the unit tests) or the worker cannot run. The worker is
 * started with the first request (or when the exam plan is about to open) and kept.
 */

const worker = workerCalls<ExamSimulationRequest, DeckSimulation[]>(
  () => new Worker(new URL('../workers/exam-forecast-worker.ts', import.meta.url), { type: 'module', name: 'exam-forecast' }),
  'the exam forecast worker'
)

const cache = createForecastCache(FORECAST_CACHE_NAME)

/** A card written this long before the columns are read is still taken as possibly unseen by them (clock skew). */
const MARGIN_MS = 1_000

/** The page's own simulation, when it must simulate itself. */
async function inThread(request: ExamSimulationRequest): Promise<DeckSimulation[]> {
  const { simulateDecks } = await import('@store/exam-plan-simulation')
  return simulateDecks(request)
}

async function simulated(request: ExamSimulationRequest): Promise<DeckSimulation[]> {
  if (!worker.offThePage()) return inThread(request)
  try {
    return await worker.call(request)
  } catch {
    // A worker that cannot load or run here: the page simulates itself.
    return inThread(request)
  }
}

export interface ExamForecastParts {
  /** The exam's decks (those that still exist), with their options and today's study. */
  decks: ExamDeckHead[]
  /** Everything but the simulation's figures: painted at once. */
  figures: ExamDecksFigures
  /** The simulation's, kept or on its way from the worker. */
  simulation: Promise<ExamDecksSimulation>
  /** The decks whose card columns were read, and those simulated again (the others' were kept). */
  read: string[]
  simulating: string[]
}

/** The exam's forecast at `now`, its figures first and its simulation after. */
export async function forecastExamParts(
  db: RecallDatabase,
  exam: Pick<ExamPlan, 'id' | 'deckIds' | 'date' | 'targetRecall'>,
  now: number,
  dayStartsAtHour: number,
  appVersion?: string
): Promise<ExamForecastParts> {
  // The kept rows asked for with the decks (by the exam's deck ids; a deck since deleted is left out after).
  const [decks, keptRows] = await Promise.all([
    readExamDeckHeads(db, exam, now, dayStartsAtHour),
    cache.find(exam.deckIds.map((deckId) => slotOf(db.name, exam.id, deckId)))
  ])
  const at = { now, examDate: exam.date, dayStartsAtHour, targetRecall: exam.targetRecall }
  const slots = decks.map((deck) => slotOf(db.name, exam.id, deck.deckId))
  const keys = decks.map((deck) => ({ figures: figuresKey(deck, at, appVersion), simulation: simulationKey(deck, at, appVersion) }))
  const rows = decks.map((deck) => keptRows[exam.deckIds.indexOf(deck.deckId)])
  // A kept deck counts only if its cards are still those it was computed from.
  // Checked only where something kept is for today's keys (a new day's opening reads every deck without asking).
  const useful = (row: KeptDeck | undefined, i: number) =>
    row !== undefined && (row.figures?.key === keys[i]!.figures || row.simulation?.key === keys[i]!.simulation)
  const withRows = decks.flatMap((deck, i) => (useful(rows[i], i) ? [{ i, deckId: deck.deckId, ...rows[i]!.cards }] : []))
  const unchanged = await cardsUnchangedSince(db, withRows).catch(() => withRows.map(() => false))
  const kept = decks.map(() => ({ figures: undefined as ExamCardFigures | undefined, simulation: undefined as DeckSimulation | undefined }))
  withRows.forEach(({ i }, j) => {
    if (!unchanged[j]) return
    const row = rows[i]!
    if (row.figures?.key === keys[i]!.figures) kept[i]!.figures = row.figures.value
    if (row.simulation?.key === keys[i]!.simulation) kept[i]!.simulation = row.simulation.value
  })

  // The others' card columns, read once: walked here for the figures, copied to the worker to simulate.
  const toRead = decks.flatMap((deck, i) => (kept[i]!.figures && kept[i]!.simulation ? [] : [i]))
  const since = Date.now() - MARGIN_MS
  const read =
    toRead.length === 0
      ? []
      : await withColumns(
          db,
          toRead.map((i) => decks[i]!)
        )
  const columnsOf = new Map<number, ExamDeckColumns>(toRead.map((i, k) => [i, read[k]!]))
  const figures = decks.map((deck, i) => kept[i]!.figures ?? deckColumnFigures(columnsOf.get(i)!, at))
  const toSimulate = toRead.filter((i) => !kept[i]!.simulation)
  const fresh =
    toSimulate.length === 0
      ? Promise.resolve([])
      : simulated({ decks: toSimulate.map((i) => columnsOf.get(i)!), examDate: exam.date, now, dayStartsAtHour })
  const simulation = fresh.then((computed) => {
    const all = kept.map((k) => k.simulation)
    toSimulate.forEach((i, j) => (all[i] = computed[j]!))
    return all as DeckSimulation[]
  })
  // What was read and computed is kept, once the simulation is in (the figures alone if it fails).
  const keep = (simulations: Array<DeckSimulation | undefined>) =>
    void cache.keep(
      toRead.map((i): KeptDeck => ({
        slot: slots[i]!,
        cards: { since, count: columnsOf.get(i)!.columns.ids.length },
        figures: { key: keys[i]!.figures, value: figures[i]! },
        ...(simulations[i] ? { simulation: { key: keys[i]!.simulation, value: simulations[i] } } : {})
      }))
    )
  simulation.then(keep, () => keep([]))
  return {
    decks,
    figures: combineDeckFigures(decks, figures),
    simulation: simulation.then(combineSimulations),
    read: toRead.map((i) => decks[i]!.deckId),
    simulating: toSimulate.map((i) => decks[i]!.deckId)
  }
}

/** Starts the forecast's worker and opens its cache when the exam plan is about to open (the button pointed at or focused). */
export function warmExamForecast(): void {
  worker.warm()
  cache.open()
}
