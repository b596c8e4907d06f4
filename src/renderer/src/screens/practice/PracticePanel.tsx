import { hintClass, panelClass } from '@screens/practice/form'
import type { ReactNode } from 'react'

/** One section of the Practice screen: a titled panel with a line that says what it does. */
export function PracticePanel({ id, title, hint, children }: { id: string; title: string; hint: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className={panelClass}>
      <div>
        <h2 id={`${id}-title`} className="text-xl font-semibold">
          {title}
        </h2>
        <p className={hintClass}>{hint}</p>
      </div>
      {children}
    </section>
  )
}
