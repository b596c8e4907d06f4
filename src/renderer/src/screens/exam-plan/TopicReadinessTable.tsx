import { useState } from 'react'
import type { TopicReadiness } from '@core/exam-plan/recall'
import { percent } from '@core/format'

const FIRST = 8

/** Readiness by topic (the cards' tags), weakest first: what to revise next. */
export function TopicReadinessTable({ topics, target, id }: { topics: TopicReadiness[]; target: number; id: string }) {
  const [all, setAll] = useState(false)
  if (topics.length === 0) return null
  const shown = all ? topics : topics.slice(0, FIRST)
  return (
    <div className="flex flex-col gap-2">
      <h3 id={`${id}-topics`} className="font-medium">
        Readiness by topic, weakest first
      </h3>
      <table className="w-full text-left text-sm tabular-nums" aria-labelledby={`${id}-topics`} data-testid="topics">
        <thead>
          <tr>
            {['Topic', 'Cards', 'Recall if you stop now', 'Range (90%)'].map((h) => (
              <th key={h} scope="col" className="pr-3 pb-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.tag} className="border-t border-slate-200 dark:border-slate-700">
              <th scope="row" className="py-1 pr-3 font-normal">
                {t.tag}
              </th>
              <td className="pr-3">{t.cards}</td>
              <td className={`pr-3 font-medium ${t.mean < target ? 'text-red-700 dark:text-red-300' : 'text-green-700 dark:text-green-300'}`}>
                {percent(t.mean)}
                <span className="sr-only">{t.mean < target ? ', below target' : ', at or above target'}</span>
              </td>
              <td>
                {percent(t.low)}–{percent(t.high)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {topics.length > FIRST && (
        <button type="button" onClick={() => setAll(!all)} className="self-start rounded text-sm text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
          {all ? 'Show the weakest only' : `Show all ${topics.length} topics`}
        </button>
      )}
    </div>
  )
}
