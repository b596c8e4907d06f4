import { applyingChanges } from '@core/sync/folder-state'
import { snapshotChanges } from '@core/sync/snapshot-state'
import { applyChanges, emptySyncState } from '@core/sync/sync-state'
import { MINUTE_MS } from '@shared/durations'
import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { SimulatedDevice } from './simulated-device'

const T = new Date(2025, 2, 3, 9).getTime()

describe('changes applied in steps (a sync gives the page turns while it merges a year of study)', () => {
  it('give the state and the touched rows and cards that applying them at once gives, pausing between steps', () => {
    const laptop = new SimulatedDevice('aaaaaaaaaaaaaaaa', 0)
    const notes = Array.from({ length: 300 }, (_, i) => ({ key: `aws/n${i}`, fields: { type: 'basic', front: `Q${i}?`, back: `A${i}` } }))
    laptop.importDeck(T, 'aws', { name: 'AWS' }, notes)
    for (let round = 0; round < 15; round++)
      for (let i = 0; i < notes.length; i++) {
        const rating = ([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const)[(i + round) % 4]!
        laptop.grade(T + (round * 300 + i + 1) * MINUTE_MS, `aws/n${i}`, rating)
      }
    laptop.edit(T + 5_000 * MINUTE_MS, 'note', 'aws/n7', { front: 'What is Q7?' })
    const changes = snapshotChanges(laptop.state)
    expect(changes.length).toBeGreaterThan(4_500)

    const atOnce = emptySyncState()
    const touchedAtOnce = applyChanges(atOnce, changes)

    const stepped = emptySyncState()
    const steps = applyingChanges(stepped, changes)
    let pauses = 0
    let step = steps.next()
    while (!step.done) {
      pauses++
      step = steps.next()
    }
    // A pause every 2,000 changes: the page's thread is given back at least that often.
    expect(pauses).toBe(Math.ceil(changes.length / 2_000))
    expect(stepped).toEqual(atOnce)
    expect(step.value).toEqual(touchedAtOnce)
    expect(step.value.cards.size).toBe(300)
  })
})
