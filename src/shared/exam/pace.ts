/**
 * Each exam's questions and minutes as its guide (blueprints/*.json) gives them, apart from the
 * guides: studying needs only an exam's pace (core/questions/grade.ts), so the guides' domains
 * and task statements stay with the screens that use them. The tests check every exam of
 * BLUEPRINTS (blueprints.ts) against its guide.
 */
const PACE: Readonly<Record<string, ExamPace>> = {
  'AIF-C01': { questions: 65, minutes: 90 },
  'MLA-C02': { questions: 65, minutes: 130 },
  'MLA-C01': { questions: 65, minutes: 130 }
}

interface ExamPace {
  questions: number
  minutes: number
}

/** The exam's ("AIF-C01") questions and minutes; undefined for an exam Recall does not know. */
export function paceOf(exam: string): ExamPace | undefined {
  return Object.hasOwn(PACE, exam) ? PACE[exam] : undefined
}
