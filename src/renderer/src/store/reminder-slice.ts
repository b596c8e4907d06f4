import { reasonOf } from '@core/errors'
import { DEFAULT_REMINDER_TIME, isReminderDue, nextReminderAt, parseReminderTime } from '@core/reminder'
import { getSettings, saveSetting } from '@db/options-repository'
import { MINUTE_MS } from '@shared/durations'
import type { StoreDeps } from '@store/deps'
import type { RecallState, RecallStore } from '@store/index'
import type { StateCreator } from 'zustand'

interface ReminderState {
  /** False where this platform cannot show a notification at all. */
  available: boolean
  enabled: boolean
  /** Local time, "HH:MM". */
  time: string
  /** When the next reminder is planned (only while enabled). */
  nextAt?: number
  message?: string
  failed?: boolean
}

export interface ReminderSlice {
  reminder: ReminderState
  loadReminder(): Promise<void>
  /** Turning it on asks for permission where the platform needs it; refused, it stays off. */
  setReminderEnabled(enabled: boolean): Promise<void>
  setReminderTime(time: string): Promise<void>
  /** Called every minute: shows the reminder when its time has come and cards are due. */
  checkReminder(): Promise<void>
}

export const createReminderSlice =
  ({ db, platform, now }: StoreDeps): StateCreator<RecallState, [], [], ReminderSlice> =>
  (set, get) => {
    const patch = (p: Partial<ReminderState>) => set((s) => ({ reminder: { ...s.reminder, ...p } }))
    const plan = (enabled: boolean, time: string) => {
      const parsed = parseReminderTime(time)
      return enabled && parsed ? nextReminderAt(now(), parsed) : undefined
    }

    return {
      reminder: { available: platform.notifications !== undefined, enabled: false, time: DEFAULT_REMINDER_TIME },

      async loadReminder() {
        try {
          const settings = await getSettings(db)
          const time = parseReminderTime(String(settings.reminderTime)) ? settings.reminderTime : DEFAULT_REMINDER_TIME
          const enabled = settings.reminderEnabled === true && platform.notifications !== undefined
          patch({ enabled, time, nextAt: plan(enabled, time) })
        } catch (error) {
          patch({ failed: true, message: `Could not read the reminder setting (${reasonOf(error)}).` })
        }
      },

      async setReminderEnabled(enabled) {
        const notifications = platform.notifications
        if (enabled && !notifications) return
        if (enabled && !(await notifications!.requestPermission())) {
          return patch({
            enabled: false,
            nextAt: undefined,
            failed: true,
            message: 'Notifications are blocked for Recall. Allow them in your browser or system settings, then turn the reminder on again.'
          })
        }
        const time = get().reminder.time
        patch({ enabled, nextAt: plan(enabled, time), failed: false, message: undefined })
        try {
          await saveSetting(db, 'reminderEnabled', enabled)
        } catch (error) {
          patch({
            failed: true,
            message: `The reminder is ${enabled ? 'on' : 'off'} until Recall closes, but it could not be saved (${reasonOf(error)}).`
          })
        }
      },

      async setReminderTime(time) {
        if (!parseReminderTime(time)) return patch({ failed: true, message: 'Enter a time such as 18:30.' })
        patch({ time, nextAt: plan(get().reminder.enabled, time), failed: false, message: undefined })
        try {
          await saveSetting(db, 'reminderTime', time)
        } catch (error) {
          patch({ failed: true, message: `The new time applies until Recall closes, but it could not be saved (${reasonOf(error)}).` })
        }
      },

      async checkReminder() {
        const { enabled, nextAt, time } = get().reminder
        if (!enabled || nextAt === undefined || now() < nextAt) return
        const show = isReminderDue(now(), nextAt)
        // Plan tomorrow's first, so a slow count or a failing notification never repeats this one.
        patch({ nextAt: plan(true, time) })
        if (!show) return
        try {
          await get().refreshCounts()
          const due = get().library.decks.reduce((sum, deck) => sum + deck.counts.learning + deck.counts.review, 0)
          if (due > 0) await platform.notifications?.showDue(Math.min(due, 1_000_000))
        } catch (error) {
          console.error('the daily reminder could not be shown', error)
        }
      }
    }
  }

/** Checks once a minute rather than sleeping until the time: a timer does not count while the computer sleeps. */
export function startReminderClock(store: RecallStore, everyMs = MINUTE_MS): () => void {
  const timer = setInterval(() => void store.getState().checkReminder(), everyMs)
  return () => clearInterval(timer)
}
