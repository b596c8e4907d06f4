import type { DeviceSyncStatus, LinkPreview, SyncReport } from '@core/sync/sync-report'
import { plural } from '@shared/plural'

/** What linking will do, in one sentence, before the person chooses. */
export function previewText(label: string, preview: LinkPreview): { headline: string; empty: boolean } {
  if (preview.devices === 0)
    return { headline: `The folder ${label} has no Recall collection yet: this collection will be shared from it.`, empty: true }
  const { decks, cards, reviews } = preview.folder
  return {
    headline: `The folder ${label} holds ${plural(decks, 'deck')}, ${plural(cards, 'card')} and ${plural(reviews, 'review')} from ${plural(preview.devices, 'device')}.`,
    empty: false
  }
}

/** This collection's figures, beside the folder's, so "Use the folder's collection" says what it replaces. */
export function hereText(preview: LinkPreview): string {
  const { decks, cards, reviews } = preview.here
  return `This computer's collection: ${plural(decks, 'deck')}, ${plural(cards, 'card')}, ${plural(reviews, 'review')}.`
}

/** "just now", "5 minutes ago", or a date: when an exchange last went through. */
export function whenText(at: number | undefined, now: number): string {
  if (at === undefined) return 'never'
  const minutes = Math.round((now - at) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export interface DeviceRow {
  key: string
  name: string
  segments: string
  waiting: string
  lastExchange: number | undefined
}

/** One row per device, this computer first. */
export function deviceRows(devices: readonly DeviceSyncStatus[]): DeviceRow[] {
  return [...devices]
    .sort((a, b) => Number(b.self) - Number(a.self) || a.device.localeCompare(b.device))
    .map((device) => {
      const waiting = [
        device.missing.length > 0
          ? `${plural(device.missing.length, 'segment')} missing (${device.missing.slice(0, 5).join(', ')}${device.missing.length > 5 ? '…' : ''})`
          : '',
        device.arriving > 0 ? `${plural(device.arriving, 'file')} arriving` : ''
      ].filter(Boolean)
      return {
        key: device.device,
        name: device.self ? `This computer (${device.device})` : device.device,
        segments: `${device.applied.toLocaleString()} of ${plural(device.segments, 'segment')} applied${snapshotText(device)}`,
        waiting: waiting.length > 0 ? waiting.join('; ') : 'nothing waiting',
        lastExchange: device.lastExchange
      }
    })
}

/** A device's snapshot and its segments compacted away (docs/sync.md, "Snapshots and compaction"), when it has one. */
function snapshotText(device: DeviceSyncStatus): string {
  if (device.snapshot === undefined) return ''
  return device.compacted
    ? `; snapshot ${device.snapshot}, ${plural(device.compacted, 'segment')} compacted`
    : `; snapshot ${device.snapshot}`
}

/** The last exchange in a line: what went each way, or why it did not. */
export function reportText(report: SyncReport): string {
  if (report.folderProblem) return report.folderProblem.message
  if (!report.ok) return 'The last exchange did not go through.'
  return `Sent ${plural(report.sent, 'change')}, received ${plural(report.received, 'change')}.`
}
