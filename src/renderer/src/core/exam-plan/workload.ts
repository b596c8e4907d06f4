export interface ExamWorkloadInput {
  /** Exam cards never studied yet. */
  unseen: number
  /** Study days left before the exam, today included. */
  daysLeft: number
  newCardsPerDay: number
  /** Mean grades a day in the "as scheduled" simulation. */
  reviewsPerDay: number
}

export interface ExamWorkload {
  /** New cards a day that would show every card before the exam; null when no day is left. */
  newCardsPerDayNeeded: number | null
  reviewsPerDay: number
  /** New cards seen before the exam at the current limit. */
  newCardsSeenBeforeExam: number
  /** Set when the current limit leaves cards unseen on exam day. */
  warning: string | null
}

/** The daily work that covers every card before the exam, and a warning when the limit is too low. */
export function buildExamWorkload(input: ExamWorkloadInput): ExamWorkload {
  const { unseen, daysLeft, newCardsPerDay, reviewsPerDay } = input
  const newCardsPerDayNeeded = daysLeft > 0 ? Math.ceil(unseen / daysLeft) : null
  const newCardsSeenBeforeExam = Math.min(unseen, Math.max(0, newCardsPerDay) * daysLeft)
  let warning: string | null = null
  if (newCardsSeenBeforeExam < unseen) {
    warning =
      newCardsPerDayNeeded === null
        ? `The exam has come: ${unseen} ${unseen === 1 ? 'card was' : 'cards were'} never studied.`
        : `At ${newCardsPerDay} new ${cards(newCardsPerDay)} a day you will see ${newCardsSeenBeforeExam} of ${unseen} new ` +
          `${cards(unseen)} before the exam; raise the limit to ${newCardsPerDayNeeded}.`
  }
  return { newCardsPerDayNeeded, reviewsPerDay, newCardsSeenBeforeExam, warning }
}

const cards = (n: number) => (n === 1 ? 'card' : 'cards')
