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
  /** The exam whose guide shaped it ("AIF-C01"); absent for a free-form exam over decks. */
  exam?: string
  /** The score on the exam's 100–1000 scale, estimated as a straight line from the share right. */
  scaledScore?: number
  /** Questions right out of asked in each domain of the guide. */
  byDomain?: Array<{ domain: string; total: number; correct: number }>
}
