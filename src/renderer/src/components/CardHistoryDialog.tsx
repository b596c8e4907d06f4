import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { Table } from '@components/Table'
import { formatInterval } from '@core/time/format'
import { DAY_MS } from '@shared/durations'
import { actions, useRecall } from '@store'
import { useEffect } from 'react'
import { Rating, State } from 'ts-fsrs'

const RATINGS: Record<number, string> = {
  [Rating.Manual]: 'Manual',
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy'
}
const STATES: Record<number, string> = {
  [State.New]: 'New',
  [State.Learning]: 'Learning',
  [State.Review]: 'Review',
  [State.Relearning]: 'Relearning'
}

/** Every grade of the card on screen, with the figures FSRS used. */
export function CardHistoryDialog({ onClose }: { onClose: () => void }) {
  const rows = useRecall((s) => s.cardHistory)

  useEffect(() => {
    void actions().showCardHistory()
    return () => actions().hideCardHistory()
  }, [])

  return (
    <Dialog title="Review history" onClose={onClose} width="max-w-3xl">
      {rows && rows.length === 0 && <p>This card has not been studied yet.</p>}
      {rows && rows.length > 0 && (
        // Seven columns do not fit a narrow or zoomed window: the table scrolls, the page does not.
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Reviews of this card">
          <Table
            testId="history"
            rows={rows}
            rowKey={(_, i) => i}
            columns={[
              { header: 'Date', cell: (row) => new Date(row.review).toLocaleString() },
              { header: 'Rating', cell: (row) => (row.manual ? (row.manual === 'reset' ? 'Reset' : 'Rescheduled') : RATINGS[row.rating]) },
              { header: 'Was', cell: (row) => STATES[row.stateBefore] },
              {
                header: 'Recall then',
                cell: (row) => (row.retrievability === undefined ? '—' : `${Math.round(row.retrievability * 100)}%`)
              },
              { header: 'Interval', cell: (row) => (row.manual ? '—' : formatInterval(row.intervalDays * DAY_MS)) },
              { header: 'Stability', cell: (row) => (row.manual ? '—' : `${row.stability.toFixed(2)}d`) },
              { header: 'Difficulty', cell: (row) => (row.manual ? '—' : row.difficulty.toFixed(2)) }
            ]}
          />
        </div>
      )}
      <div className="mt-4 flex justify-end">
        <Button tone="primary" data-autofocus onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  )
}
