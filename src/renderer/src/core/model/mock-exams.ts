/** One line of the history of past mock exams (timed practice runs); plain data, safe to store as it is. */
export interface MockExamResult {
  id: string
  startedAt: number
  finishedAt: number
  finishedBy: 'user' | 'time'
  deckIds: string[]
  total: number
  correct: number
  score: number
  passMarkPercent: number
  passed: boolean
  missedCardKeys: string[]
}
