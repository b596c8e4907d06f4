import { useEffect } from 'react'
import { Rating, State } from 'ts-fsrs'
import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { formatInterval } from '@core/time/format'
import { actions, useRecall } from '@store'

const RATINGS: Record<number, string> = { [Rating.Manual]: 'Manual', [Rating.Again]: 'Again', [Rating.Hard]: 'Hard', [Rating.Good]: 'Good', [Rating.Easy]: 'Easy' }
const STATES: Record<number, string> = { [State.New]: 'New', [State.Learning]: 'Learning', [State.Review]: 'Review', [State.Relearning]: 'Relearning' }

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
          <table className="w-full text-sm tabular-nums" data-testid="history">
            <thead>
              <tr className="text-left">
                {['Date', 'Rating', 'Was', 'Recall then', 'Interval', 'Stability', 'Difficulty'].map((h) => (
                  <th key={h} scope="col" className="pb-2 pr-3">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-200 dark:border-slate-700">
                  <td className="py-1 pr-3">{new Date(row.review).toLocaleString()}</td>
                  <td className="pr-3">{row.manual ? (row.manual === 'reset' ? 'Reset' : 'Rescheduled') : RATINGS[row.rating]}</td>
                  <td className="pr-3">{STATES[row.stateBefore]}</td>
                  <td className="pr-3">{row.retrievability === undefined ? '—' : `${Math.round(row.retrievability * 100)}%`}</td>
                  <td className="pr-3">{row.manual ? '—' : formatInterval(row.intervalDays * 86_400_000)}</td>
                  <td className="pr-3">{row.manual ? '—' : `${row.stability.toFixed(2)}d`}</td>
                  <td>{row.manual ? '—' : row.difficulty.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
