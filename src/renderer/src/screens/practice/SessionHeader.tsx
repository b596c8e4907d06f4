import { Button } from '@components/Button'
import { actions } from '@store'
import type { ReactNode } from 'react'

/** The top of a practice session: the way back to Practice (Esc), the session's title, and what it counts. */
export function SessionHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="flex items-center justify-between gap-4">
      <Button onClick={() => void actions().showPracticeHome()} aria-label="Back to practice (Esc)">
        ← Practice
      </Button>
      <h1 className="truncate text-lg font-semibold">{title}</h1>
      {children}
    </header>
  )
}
