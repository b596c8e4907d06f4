import { nextStudyDay, studyDayOf, type StudyDay } from '@core/time/study-day'

export interface ExamCountdown {
  today: StudyDay
  examDay: StudyDay
  /** The study days left to study in: today up to the day before the exam (empty on exam day). */
  days: StudyDay[]
}

/** Ten years of study days: a guard against a nonsense date, not a real limit. */
const MAX_DAYS = 3660

/** The study days from the one containing `now` up to, not including, the exam's study day. */
export function examCountdown(now: number, examDate: number, dayStartsAtHour: number): ExamCountdown {
  const today = studyDayOf(now, dayStartsAtHour)
  const examDay = studyDayOf(examDate, dayStartsAtHour)
  const days: StudyDay[] = []
  for (let day = today; day.start < examDay.start && days.length < MAX_DAYS; day = nextStudyDay(day, dayStartsAtHour)) days.push(day)
  return { today, examDay, days }
}
