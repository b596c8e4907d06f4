/// <reference lib="webworker" />
import { answerCalls } from '@renderer/workers/answer-calls'
import type { ExamForecastCall } from '@store/exam-plan-forecast'
import { createExamSimulator, type ExamSimulationResult } from '@store/exam-plan-simulation'

/**
 * The exam forecast's simulation off the page (exam-plan-forecast.ts): on its own connection to
 * the collection, the worker reads the exam decks' card columns, simulates the study days up to
 * the exam (each deck's result kept until its cards, options or study day change) and posts back
 * only the figures (a recall estimate, a number and a few dozen days).
 */
const simulate = createExamSimulator()
answerCalls<ExamForecastCall, ExamSimulationResult>((db, { request }) => simulate(db, request))
