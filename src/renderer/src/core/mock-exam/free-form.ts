/**
 * A free-form mock exam: 65 questions in 130 minutes, 72 % to pass, as the ML exams were. Apart
 * from the simulation, so that the practice screen's form starts from it without the exam guides.
 */
export const FREE_FORM_EXAM = { questionCount: 65, timeLimitMinutes: 130, passMarkPercent: 72 } as const
