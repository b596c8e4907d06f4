import { Button } from '@components/Button'
import { actions, useRecall } from '@store'
import { useEffect } from 'react'

const TONES = {
  failed: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
  waiting: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100'
}

/**
 * The collection's own troubles, above every screen: it could not be opened, another window
 * blocks its upgrade, or another window upgraded it and this one must reload.
 */
export function CollectionAlert() {
  const collection = useRecall((s) => s.collection)
  useEffect(() => {
    void actions().openCollection()
  }, [])
  if (!collection.message) return null
  const canReload = collection.state === 'closed' || collection.state === 'failed'
  return (
    <div
      role="alert"
      data-testid="collection-alert"
      className={`mb-4 flex flex-wrap items-center gap-3 rounded-md p-3 ${collection.state === 'failed' ? TONES.failed : TONES.waiting}`}
    >
      <p className="flex-1">{collection.message}</p>
      {canReload && <Button onClick={() => window.location.reload()}>Reload</Button>}
    </div>
  )
}
