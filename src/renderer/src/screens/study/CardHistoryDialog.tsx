import { useEffect, useRef } from 'react'
import { Rating, State } from 'ts-fsrs'
import { Button } from '../../components/Button'
import { formatInterval } from '../../core/scheduler'
import { actions, useRecall } from '../../store'

const RATINGS: Record<number, string> = { [Rating.Manual]: 'Manual', [Rating.Again]: 'Again', [Rating.Hard]: 'Hard', [Rating.Good]: 'Good', [Rating.Easy]: 'Easy' }
const STATES: Record<number, string> = { [State.New]: 'New', [State.Learning]: 'Learning', [State.Review]: 'Review', [State.Relearning]: 'Relearning' }

/** Every grade of the card on screen, with the figures FSRS used. */
export function CardHistoryDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const rows = useRecall((s) => s.cardHistory)

  useEffect(() => {
    void actions().showCardHistory()
    ref.current?.showModal()
    return () => actions().hideCardHistory()
  }, [])

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="history-title"
      className="m-auto w-full max-w-3xl rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:bg-slate-800 dark:text-slate-100"
    >
      <h2 id="history-title" className="mb-4 text-lg font-semibold">
        Review history
      </h2>
      {rows && rows.length === 0 && <p>This card has not been studied yet.</p>}
      {rows && rows.length > 0 && (
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
      )}
      <div className="mt-4 flex justify-end">
        <Button tone="primary" autoFocus onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  )
}
