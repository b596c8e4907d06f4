import { AnswerButtonsPanel } from '@screens/stats/AnswerButtonsPanel'
import { CardCountsPanel } from '@screens/stats/CardCountsPanel'
import { DueForecastPanel } from '@screens/stats/DueForecastPanel'
import { ExamTasksPanel } from '@screens/stats/ExamTasksPanel'
import { MemoryPanel } from '@screens/stats/MemoryPanel'
import { RetentionPanel } from '@screens/stats/RetentionPanel'
import { useRecall } from '@store'
import { memo, useCallback, useEffect, useState } from 'react'

/**
 * The statistics' chart panels (plain SVG, `components/charts/PlainCharts.tsx`; recharts was most
 * of the screen's opening), below the top of the screen: fetched while the figures are read, and
 * mounted one at a time. Eight panels at once were one long task before
 * anything showed (464 ms at 1,000 cards); now the top of the screen is painted first, and the
 * page stays responsive while the charts fill in below it.
 */

// Each panel renders again only when its own figures change (not when the forecast's period,
// another panel's figures or the counting progress do).
const Forecast = memo(DueForecastPanel)
const Retention = memo(RetentionPanel)
const Counts = memo(CardCountsPanel)
const Buttons = memo(AnswerButtonsPanel)
const Memory = memo(MemoryPanel)
const Exams = memo(ExamTasksPanel)

const PANELS = 6

/**
 * How many panels are mounted: the first with the component, then one more in each following
 * task. Each panel is a task of its own (20–60 ms), so a key press or a scroll is answered between
 * two, without waiting for a frame when nothing asks for one.
 */
function useMountedPanels(): number {
  const [mounted, setMounted] = useState(1)
  useEffect(() => {
    if (mounted >= PANELS) return
    const timer = setTimeout(() => setMounted((n) => n + 1), 0)
    return () => clearTimeout(timer)
  }, [mounted])
  return mounted
}

export function ChartPanels() {
  const snapshot = useRecall((s) => s.stats.snapshot)
  const days = useRecall((s) => s.stats.forecastDays)
  const decks = useRecall((s) => s.library.decks)
  const deckName = useCallback((id: string) => decks.find((d) => d.id === id)?.name ?? id, [decks])
  const mounted = useMountedPanels()
  if (!snapshot) return null
  const panels = [
    <Forecast key="forecast" forecast={snapshot.forecast[days]} days={days} />,
    <Retention key="retention" retention={snapshot.retention} />,
    <Counts key="counts" counts={snapshot.counts} deckName={deckName} />,
    <Buttons key="buttons" series={snapshot.buttons} />,
    <Memory key="memory" memory={snapshot.memory} />,
    <Exams key="exams" exams={snapshot.exams} />
  ]
  return (
    <div className="flex flex-col gap-4" aria-busy={mounted < PANELS} data-testid="chart-panels">
      {panels.slice(0, mounted)}
    </div>
  )
}
