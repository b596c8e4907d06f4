import { AnswerButtonsPanel } from '@screens/stats/AnswerButtonsPanel'
import { CardCountsPanel } from '@screens/stats/CardCountsPanel'
import { DueForecastPanel } from '@screens/stats/DueForecastPanel'
import { ExamTasksPanel } from '@screens/stats/ExamTasksPanel'
import { MemoryPanel } from '@screens/stats/MemoryPanel'
import { RetentionPanel } from '@screens/stats/RetentionPanel'
import { useRecall } from '@store'
import { memo, useCallback } from 'react'

/**
 * The statistics' chart panels (plain SVG, `components/charts/PlainCharts.tsx`; recharts was most
 * of the screen's opening), below the top of the screen: fetched while the figures are read, and
 * mounted together once the cards' figures are counted. They were mounted one per task while each
 * took 20–60 ms; with the cards counted in a worker and the figures' tables built only when opened,
 * one task for all six keeps the page's thread busy for less (one layout instead of six) at the
 * cost of one longer task (see docs/performance.md).
 */

// Each panel renders again only when its own figures change (not when the forecast's period,
// another panel's figures or the counting progress do).
const Forecast = memo(DueForecastPanel)
const Retention = memo(RetentionPanel)
const Counts = memo(CardCountsPanel)
const Buttons = memo(AnswerButtonsPanel)
const Memory = memo(MemoryPanel)
const Exams = memo(ExamTasksPanel)

export function ChartPanels() {
  const snapshot = useRecall((s) => s.stats.snapshot)
  const days = useRecall((s) => s.stats.forecastDays)
  const decks = useRecall((s) => s.library.decks)
  const deckName = useCallback((id: string) => decks.find((d) => d.id === id)?.name ?? id, [decks])
  if (!snapshot) return null
  return (
    <div className="flex flex-col gap-4" data-testid="chart-panels">
      <Forecast forecast={snapshot.forecast[days]} days={days} />
      <Retention retention={snapshot.retention} />
      <Counts counts={snapshot.counts} deckName={deckName} />
      <Buttons series={snapshot.buttons} />
      <Memory memory={snapshot.memory} />
      <Exams exams={snapshot.exams} />
    </div>
  )
}
