import { DeckSelect } from '@components/DeckSelect'
import { Alert } from '@components/Alert'
import { Button } from '@components/Button'
import { plural } from '@core/format'
import type { CountingProgress } from '@core/stats/snapshot'
import { lazyPart, LazyView } from '@components/LazyPart'
import { ReviewCalendarPanel } from '@screens/stats/ReviewCalendarPanel'
import { TodayPanel } from '@screens/stats/TodayPanel'
import { actions, useRecall } from '@store'
import { memo, useEffect } from 'react'

// The top of the screen (today, the calendar) is painted as soon as the review figures are read,
// while the chart panels' code is fetched.
const charts = lazyPart(() => import('@screens/stats/ChartPanels'), 'ChartPanels')
const Today = memo(TodayPanel)

/** After an update, the review history is counted again once, in the background. */
function countingText({ counted, estimate }: CountingProgress): string {
  const share = estimate > 0 ? Math.min(99, Math.floor((counted / estimate) * 100)) : 0
  return `Still counting your review history after the update (${share}% of about ${plural(estimate, 'review')}): the review charts show what is counted so far.`
}

/** Statistics for one deck or the whole collection, fetched when first opened; the charts below the top come after it. */
export default function StatsScreen() {
  const stats = useRecall((s) => s.stats)
  const decks = useRecall((s) => s.library.decks)

  useEffect(() => {
    void charts.load().catch(() => undefined) // shown (with a retry) by LazyView if it failed
    if (actions().stats.status === 'idle') void actions().refreshStats()
  }, [])

  const figures = stats.snapshot ?? stats.early
  return (
    <main className="flex flex-col gap-4" aria-labelledby="stats-title" aria-busy={stats.status === 'loading'}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="stats-title" className="text-2xl font-bold">
          Statistics
        </h1>
        <div className="flex items-center gap-2">
          <label htmlFor="stats-deck" className="text-sm font-medium">
            Deck
          </label>
          <DeckSelect
            id="stats-deck"
            className="py-1.5!"
            decks={decks}
            value={stats.deck}
            onChoose={(deck) => void actions().chooseStatsDeck(deck)}
            all={{ value: 'all', label: 'All decks' }}
          />
          <Button onClick={() => void actions().refreshStats()} disabled={stats.status === 'loading'}>
            Refresh
          </Button>
        </div>
      </header>

      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {stats.status === 'loading' ? 'Reading your review history…' : stats.counting ? countingText(stats.counting) : ''}
      </p>
      {stats.status === 'failed' && <Alert>{stats.error}</Alert>}

      {figures && (
        <div className="flex flex-col gap-4" data-testid="stats-charts">
          <Today today={figures.today} />
          <ReviewCalendarPanel calendar={figures.calendar} streaks={figures.streaks} />
          {stats.snapshot && <LazyView part={charts} what="the charts" />}
        </div>
      )}
    </main>
  )
}
