/** What the reminder needs from Electron's Notification, so it is tested without Electron. */
export interface Notifier {
  isSupported(): boolean
  show(content: { title: string; body: string }, onClick: () => void): void
}

function reminderBody(count: number): string {
  return count === 1 ? '1 card is due in Recall' : `${count.toLocaleString('en')} cards are due in Recall`
}

/**
 * Shows the daily reminder. The page cannot (the permission policy refuses web notifications to
 * every page, ours included), so it asks main with only a number; main writes the text.
 * Clicking the notification brings Recall's window forward.
 */
export function showDueReminder(count: number, notifier: Notifier, focusWindow: () => void): void {
  if (!notifier.isSupported()) return
  notifier.show({ title: 'Time to revise', body: reminderBody(count) }, focusWindow)
}
