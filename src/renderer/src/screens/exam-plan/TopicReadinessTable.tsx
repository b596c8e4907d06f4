import { Table } from '@components/Table'
import type { TopicReadiness } from '@core/exam-plan/recall'
import { percent } from '@core/format'
import { tagLabel } from '@core/notes/tag-label'
import { useState } from 'react'

const FIRST = 8

/** A card never studied counts 0 and a studied one more, so a topic at exactly 0 has none studied. */
const unstudied = (t: TopicReadiness) => t.high === 0

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
      <Table
        labelledBy={`${id}-topics`}
        testId="topics"
        rows={shown}
        rowKey={(t) => t.tag}
        columns={[
          { header: 'Topic', rowHeader: true, cell: (t) => tagLabel(t.tag) },
          { header: 'Cards', cell: (t) => t.cards },
          {
            header: 'Recall if you stop now',
            className: (t) =>
              unstudied(t)
                ? 'text-slate-600 dark:text-slate-400'
                : `font-medium ${t.mean < target ? 'text-red-700 dark:text-red-300' : 'text-green-700 dark:text-green-300'}`,
            cell: (t) =>
              unstudied(t) ? (
                'Not studied yet'
              ) : (
                <>
                  {percent(t.mean)}
                  <span className="sr-only">{t.mean < target ? ', below target' : ', at or above target'}</span>
                </>
              )
          },
          { header: 'Range (90%)', cell: (t) => (unstudied(t) ? '—' : `${percent(t.low)}–${percent(t.high)}`) }
        ]}
      />
      {topics.length > FIRST && (
        <button
          type="button"
          onClick={() => setAll(!all)}
          className="self-start rounded text-sm text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300"
        >
          {all ? 'Show the weakest only' : `Show all ${topics.length} topics`}
        </button>
      )}
    </div>
  )
}
