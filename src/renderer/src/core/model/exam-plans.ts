/**
 * An exam the user is revising for (the exam plan): its date, its decks, and whether exam mode
 * shapes scheduling. Not to be confused with a mock exam, a timed practice run (mock-exams.ts).
 */
export interface ExamPlan {
  id: string
  name: string
  /** Any moment of the exam day (local); the study day containing it is the exam day. */
  date: number
  deckIds: string[]
  /** The exam guide it follows ("AIF-C01"): readiness is then predicted as that exam scores it. */
  blueprint?: string
  /** Cap intervals so every card is seen again in the final week before the exam. */
  examMode: boolean
  /** Recall to aim for on exam day (0–1), for the optional final pass. */
  targetRecall: number
}
