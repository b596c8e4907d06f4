import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import type { ReactNode } from 'react'

interface Props {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onClose: () => void
}

/** A yes-or-no question: the confirm button has the focus, so Enter confirms; Escape or Cancel closes. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: Props) {
  return (
    <Dialog title={title} onClose={onClose} width="max-w-md" testId="confirm">
      <div className="text-slate-700 dark:text-slate-300">{children}</div>
      <div className="mt-5 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          tone="primary"
          data-autofocus
          onClick={() => {
            onClose()
            onConfirm()
          }}
        >
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  )
}
