import type { RecallDatabase } from '@db/database'
import type { ReminderNotifications } from '@platform/platform'
import { createRecallStore } from '@store'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase, makeCards, makeDeck } from '../../helpers/fixtures'

const library = { decks: [makeDeck('d', makeCards(10))], problems: [] }

function setup({ db = freshDatabase(), allow = true }: { db?: RecallDatabase; allow?: boolean } = {}) {
  const shown: number[] = []
  const asked: boolean[] = []
  const notifications: ReminderNotifications = {
    requestPermission: async () => (asked.push(true), allow),
    showDue: async (count) => void shown.push(count)
  }
  const clock = { now: new Date(2026, 5, 1, 9, 0).getTime() }
  const store = createRecallStore({ db, platform: fakePlatform(library, { notifications }), now: () => clock.now })
  return { db, clock, shown, asked, state: () => store.getState() }
}

async function studyThree(state: ReturnType<typeof setup>['state'], clock: { now: number }) {
  await state().loadLibrary()
  await state().startStudy('d')
  for (let i = 0; i < 3; i++) {
    state().reveal()
    clock.now += 5_000
    await state().grade(Rating.Again)
  }
}

describe('the daily reminder', () => {
  it('is off by default and reminds nobody', async () => {
    const { state, clock, shown } = setup()
    await state().loadReminder()
    expect(state().reminder).toMatchObject({ enabled: false, time: '18:00', available: true })
    clock.now = new Date(2026, 5, 1, 18, 1).getTime()
    await state().checkReminder()
    expect(shown).toEqual([])
  })

  it('at the chosen time, shows how many cards are due, once, and is remembered across starts', async () => {
    const { db, state, clock, shown, asked } = setup()
    await studyThree(state, clock)
    await state().setReminderTime('18:30')
    await state().setReminderEnabled(true)
    expect(asked).toEqual([true])
    expect(state().reminder.nextAt).toBe(new Date(2026, 5, 1, 18, 30).getTime())

    clock.now = new Date(2026, 5, 1, 18, 29).getTime()
    await state().checkReminder()
    expect(shown).toEqual([])
    clock.now = new Date(2026, 5, 1, 18, 31).getTime()
    await state().checkReminder()
    await state().checkReminder()
    expect(shown).toEqual([3])
    expect(state().reminder.nextAt).toBe(new Date(2026, 5, 2, 18, 30).getTime())

    const again = setup({ db })
    await again.state().loadReminder()
    expect(again.state().reminder).toMatchObject({ enabled: true, time: '18:30' })
  })

  it('says nothing when no card is due, and nothing a day late after a long sleep', async () => {
    const { state, clock, shown } = setup()
    await state().loadLibrary()
    await state().setReminderEnabled(true)
    clock.now = new Date(2026, 5, 1, 18, 5).getTime()
    await state().checkReminder() // only new cards: nothing is due
    expect(shown).toEqual([])

    await studyThree(state, clock)
    clock.now = new Date(2026, 5, 3, 9, 0).getTime() // asleep through the 2 June reminder
    await state().checkReminder()
    expect(shown).toEqual([])
    expect(state().reminder.nextAt).toBe(new Date(2026, 5, 3, 18, 0).getTime())
  })

  it('stays off with a clear message when notifications are refused, and refuses a bad time', async () => {
    const { state } = setup({ allow: false })
    await state().setReminderEnabled(true)
    expect(state().reminder).toMatchObject({ enabled: false, failed: true })
    expect(state().reminder.message).toMatch(/blocked/)
    await state().setReminderTime('25:99')
    expect(state().reminder).toMatchObject({ time: '18:00', failed: true, message: 'Enter a time such as 18:30.' })
  })
})
