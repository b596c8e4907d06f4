import { loadavg } from 'node:os'
import { readinessCoverage, type CoverageFigure } from './readiness-calibration'

/**
 * `npm run bench:readiness [-- --learners 200]`: the exam-readiness range against simulated
 * learners at 100, 1,000 and 10,000 cards (see readiness-calibration.ts). One JSON line per size.
 */
export function readinessFigures(learnersAt: (cards: number) => number): CoverageFigure[] {
  const out: CoverageFigure[] = []
  for (const cards of [100, 1000, 10_000]) {
    const figure = readinessCoverage(cards, learnersAt(cards), 7)
    console.log(JSON.stringify({ name: 'readiness-coverage', goal: '0.85–0.95', load: loadavg()[0], ...figure }))
    out.push(figure)
  }
  return out
}

if (process.argv[1]?.endsWith('readiness.ts')) {
  const i = process.argv.indexOf('--learners')
  const learners = i > 0 ? Number(process.argv[i + 1]) : 0
  readinessFigures((cards) => learners || (cards >= 10_000 ? 200 : 400))
}
