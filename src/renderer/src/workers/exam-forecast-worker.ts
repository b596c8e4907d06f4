/// <reference lib="webworker" />
import type { DeckSimulation } from '@core/exam-plan/decks-forecast'
import { answerCalls } from '@renderer/workers/answer-calls'
import { simulateDecks, type ExamSimulationRequest } from '@store/exam-plan-simulation'

/**
 * The exam forecast's simulation off the page (exam-plan-forecast.ts): given the card columns of
 * the exam decks the page holds no simulation for (a copy: typed arrays, cheap to clone), the
 * worker simulates the study days up to the exam and posts back only each deck's figures (a recall
 * estimate, a number and a few dozen days). The page keeps them (store/exam-forecast-cache.ts).
 */
answerCalls<ExamSimulationRequest, DeckSimulation[]>(simulateDecks)
