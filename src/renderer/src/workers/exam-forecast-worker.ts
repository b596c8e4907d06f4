/// <reference lib="webworker" />
import { answerCalls } from '@renderer/workers/answer-calls'
import type { ExamForecastCall } from '@store/exam-plan-forecast'
import { createExamSimulator, type ExamSimulationResult } from '@store/exam-plan-simulation'

/**
 * The exam forecast's simulation off the page (exam-plan-forecast.ts): given the exam decks' card
 * columns as the page read them (a copy: typed arrays, cheap to clone), the worker simulates the
 * study days up to the exam (each deck's result kept until its cards, options or study day
 * change) and posts back only the figures (a recall estimate, a number and a few dozen days).
 */
const simulate = createExamSimulator()
answerCalls<ExamForecastCall, ExamSimulationResult>(({ dbName, request }) => simulate(dbName, request))
