import { ChartSection } from '@components/charts/ChartSection'
import { COLOURS } from '@components/charts/chart-parts'
import { PlainRingChart } from '@components/charts/PlainCharts'
import { percent, plural } from '@core/format'
import { CARD_KINDS, type CardKind } from '@core/stats/card-counts'
import type { CardCountsView } from '@core/stats/snapshot'
import { useMemo } from 'react'

const KINDS: Record<CardKind, { label: string; colour: string }> = {
  new: { label: 'New', colour: COLOURS.blue },
  learning: { label: 'Learning', colour: COLOURS.red },
  review: { label: 'Review', colour: COLOURS.green },
  relearning: { label: 'Relearning', colour: COLOURS.amber },
  suspended: { label: 'Suspended', colour: COLOURS.slate },
  buried: { label: 'Buried', colour: COLOURS.purple }
}

export function CardCountsPanel({ counts, deckName }: { counts: CardCountsView; deckName: (id: string) => string }) {
  const { slices, total } = counts.total
  const shown = slices.filter((s) => s.count > 0)
  const ring = useMemo(
    () =>
      slices
        .filter((s) => s.count > 0)
        .map((s) => ({ key: s.kind, name: KINDS[s.kind].label, colour: KINDS[s.kind].colour, value: s.count })),
    [slices]
  )
  const summary =
    total === 0
      ? 'No cards.'
      : `${plural(total, 'card')}: ` + shown.map((s) => `${s.count.toLocaleString()} ${KINDS[s.kind].label.toLowerCase()}`).join(', ') + '.'
  return (
    <ChartSection id="counts" title="Card counts" summary={summary}>
      <div className="flex flex-wrap items-center gap-6">
        <PlainRingChart slices={ring} size={180} inner={45} outer={85} labelledBy="counts-title counts-summary" />
        <ul className="text-sm tabular-nums">
          {slices.map((s) => (
            <li key={s.kind} className="flex items-center gap-2">
              <span aria-hidden className="inline-block size-3 rounded-sm" style={{ backgroundColor: KINDS[s.kind].colour }} />
              {KINDS[s.kind].label}: {s.count.toLocaleString()} ({percent(s.share)})
            </li>
          ))}
        </ul>
      </div>
      {counts.byDeck.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm tabular-nums" data-testid="counts-by-deck">
            <caption className="pb-1 text-left font-medium">By deck</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3 font-medium">
                  Deck
                </th>
                {CARD_KINDS.map((k) => (
                  <th key={k} scope="col" className="pr-3 font-medium">
                    {KINDS[k].label}
                  </th>
                ))}
                <th scope="col" className="font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.byDeck.map((d) => (
                <tr key={d.deckId} className="border-t border-slate-200 dark:border-slate-700">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {deckName(d.deckId)}
                  </th>
                  {CARD_KINDS.map((k) => (
                    <td key={k} className="pr-3">
                      {d.counts[k]}
                    </td>
                  ))}
                  <td>{d.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartSection>
  )
}
