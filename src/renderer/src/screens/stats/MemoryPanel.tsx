import { ChartSection, FiguresTable } from '@components/charts/ChartSection'
import { COLOURS } from '@components/charts/chart-parts'
import { PlainBarChart, type ChartSeries } from '@components/charts/PlainCharts'
import { percent } from '@core/format'
import type { HistogramBin, MemoryHistograms } from '@core/stats/card-distributions'
import { days } from '@core/time/format'
import { useMemo } from 'react'

interface Histogram {
  id: string
  title: string
  what: string
  bins: HistogramBin[]
  mean: number | null
  label: (bin: HistogramBin) => string
  meanText: (mean: number) => string
  colour: string
}

// FSRS difficulty runs from 1 to 10; Anki shows it as 0–100 %.
const difficultyPercent = (d: number) => (d - 1) / 9

function HistogramChart({ h, cards }: { h: Histogram; cards: number }) {
  const data = h.bins.map((bin) => ({ label: h.label(bin), cards: bin.count }))
  const { bins, colour } = h
  const labels = useMemo(() => data.map((d) => d.label), [bins]) // eslint-disable-line react-hooks/exhaustive-deps
  const series = useMemo<ChartSeries[]>(() => [{ key: 'cards', name: 'Cards', colour, values: bins.map((b) => b.count) }], [bins, colour])
  const summary =
    h.mean === null
      ? `No studied cards yet, so no ${h.what}.`
      : `Average ${h.what} ${h.meanText(h.mean)} over ${cards.toLocaleString()} studied cards.`
  return (
    <ChartSection
      id={h.id}
      title={h.title}
      summary={summary}
      table={<FiguresTable caption={h.title} head={['Range', 'Cards']} rows={data.map((d) => [d.label, d.cards])} />}
    >
      <PlainBarChart labels={labels} series={series} height={180} minLabelGap={16} labelledBy={`${h.id}-title ${h.id}-summary`} />
    </ChartSection>
  )
}

/** How well the studied cards are known: FSRS stability, difficulty and today's recall odds. */
export function MemoryPanel({ memory }: { memory: MemoryHistograms }) {
  const cards = memory.stability.bins.reduce((sum, b) => sum + b.count, 0)
  const histograms: Histogram[] = [
    {
      id: 'stability',
      title: 'Stability',
      what: 'stability (days until recall drops to 90%)',
      ...memory.stability,
      label: (b) => (b.to === Infinity ? `${days(b.from)}+` : b.from === 0 ? `<${days(b.to)}` : `${days(b.from)}–${days(b.to)}`),
      meanText: days,
      colour: COLOURS.blue
    },
    {
      id: 'difficulty',
      title: 'Difficulty',
      what: 'difficulty',
      ...memory.difficulty,
      label: (b) => percent(difficultyPercent(b.from)),
      meanText: (m) => percent(difficultyPercent(m)),
      colour: COLOURS.amber
    },
    {
      id: 'retrievability',
      title: 'Retrievability',
      what: 'chance of recalling a card now',
      ...memory.retrievability,
      label: (b) => percent(b.from),
      meanText: (m) => percent(m, 1),
      colour: COLOURS.green
    }
  ]
  return (
    <>
      {histograms.map((h) => (
        <HistogramChart key={h.id} h={h} cards={cards} />
      ))}
    </>
  )
}
