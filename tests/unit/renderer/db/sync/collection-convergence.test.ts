import { editCardText, setSuspended, toggleFlag, undo } from '@db/card-actions'
import { deleteCards, moveCards } from '@db/card-authoring'
import type { CardRecord } from '@core/model'
import type { RecallDatabase } from '@db/database'
import { mergeDeck } from '@db/deck-repository'
import { deleteDeck } from '@db/import-repository'
import { syncNow } from '@db/sync/sync-engine'
import { linkCollection } from '@db/sync/sync-link'
import fc from 'fast-check'
import type { Grade } from 'ts-fsrs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { freshDatabase, makeCards, makeDeck } from '../../../helpers/fixtures'
import { deliver, deliverRemovals, MemoryFolder } from './memory-folder'
import { collectionOf, grade } from './sync-helpers'

/**
 * The property of issue 24 through the app's own collections (Dexie, the recorder, the outbox,
 * the apply): machines with clocks hours apart study, edit, import, move, delete and undo offline;
 * each machine's sync engine carries files to the others late, out of order, twice, cut short and
 * as conflict copies; once everything has arrived, every collection is the same and every grade is
 * in it exactly once. The merge's own property (core/sync/convergence.test.ts) cannot see what the
 * collection side does with a merge: a moved card came up new on the other machine, and that
 * property held.
 */

const HOUR = 3_600_000
const T0 = new Date(2026, 2, 3, 9).getTime()
const MACHINES = 3

type Action =
  | { k: 'grade'; m: number; card: number; rating: Grade }
  | { k: 'undo'; m: number }
  | { k: 'edit'; m: number; card: number; text: string }
  | { k: 'flag'; m: number; card: number; flag: number }
  | { k: 'suspend'; m: number; card: number }
  | { k: 'import'; m: number; deck: 'ml' | 'exam' }
  | { k: 'delete-deck'; m: number; deck: 'ml' | 'exam' }
  | { k: 'move'; m: number; card: number; to: 'aws' | 'ml' | 'exam' }
  | { k: 'delete-card'; m: number; card: number }
  | { k: 'sync'; m: number }
  | { k: 'snapshot'; m: number }
  | { k: 'carry'; from: number; to: number; how: Carry; pick: number }

type Carry = 'all' | 'one' | 'cut' | 'conflict-copy' | 'removals'

const m = fc.integer({ min: 0, max: MACHINES - 1 })
const card = fc.nat(40)
const deck = fc.constantFrom<'ml' | 'exam'>('ml', 'exam')
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('grade' as const), m, card, rating: fc.constantFrom<Grade>(1, 2, 3, 4) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('undo' as const), m }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('edit' as const), m, card, text: fc.constantFrom('S3', 'EC2', 'Lambda') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('flag' as const), m, card, flag: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('suspend' as const), m, card }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('import' as const), m, deck }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete-deck' as const), m, deck }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('move' as const), m, card, to: fc.constantFrom<'aws' | 'ml' | 'exam'>('aws', 'ml', 'exam') })
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete-card' as const), m, card }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sync' as const), m }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('snapshot' as const), m }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('carry' as const),
      from: m,
      to: m,
      how: fc.constantFrom<Carry>('all', 'one', 'cut', 'conflict-copy', 'removals'),
      pick: fc.nat()
    })
  }
)

interface Machine {
  db: RecallDatabase
  folder: MemoryFolder
  /** Hours this machine's clock is off by. */
  skew: number
  /** The grade Undo would take back: the machine's last action, when it was a grade (the study screen's Undo). */
  undoable?: { before: CardRecord; logId: number; review: number }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** The CI's runs. Random seeds found two counterexamples on 2026-12-07: one fixed, one open (docs/sync.md, "What is left"). */
const FIXED_SEED = 20_261_207

describe('collections that sync through their own folders converge', () => {
  it('same collection everywhere, every grade exactly once', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -8, max: 8 }), { minLength: MACHINES, maxLength: MACHINES }),
        fc.array(action, { minLength: 6, maxLength: 22 }),
        // Snapshots of one file, or in parts of a few hundred characters (a collection longer than one file).
        fc.constantFrom(Infinity, 600),
        // Whether every machine writes a snapshot once everything has arrived, then compacts.
        fc.boolean(),
        async (skews, actions, partChars, compactAtEnd) => {
          let elapsed = 0
          const machines: Machine[] = skews.map((skew) => ({ db: freshDatabase(), folder: new MemoryFolder(), skew }))
          const at = (machine: Machine) => {
            const time = T0 + elapsed + machine.skew * HOUR
            vi.setSystemTime(time)
            return time
          }
          const first = machines[0]!
          at(first)
          await mergeDeck(first.db, { ...makeDeck('aws', makeCards(4)), origin: 'user' }, Date.now())
          await linkCollection(first.db, first.folder, 'merge')
          for (const other of machines.slice(1)) {
            deliver(first.folder, other.folder)
            at(other)
            await linkCollection(other.db, other.folder, 'merge')
          }
          const grades: string[] = []
          const gone = new Set<string>()

          for (const a of actions) {
            elapsed += a.k === 'grade' ? (a.card % 3 === 0 ? 26 * HOUR : 11 * 60_000) : 60_000
            if (a.k === 'carry') {
              carry(machines[a.from]!.folder, machines[a.to]!.folder, a.how, a.pick)
              continue
            }
            const machine = machines[a.m]!
            const { db } = machine
            const now = at(machine)
            const undoable = machine.undoable
            machine.undoable = undefined
            const cards = (await db.cards.orderBy('id').toArray()).filter((c) => c.queue >= -1)
            const target = cards.length > 0 ? cards[('card' in a ? a.card : 0) % cards.length]! : undefined
            switch (a.k) {
              case 'grade': {
                if (!target) break
                const { logId } = await grade(db, target.id, a.rating, now)
                const { review } = (await db.reviews.get(logId))!
                machine.undoable = { before: target, logId, review }
                grades.push(`${review} ${a.rating}`)
                break
              }
              case 'undo': {
                const last = undoable
                if (!last) break
                await undo(db, { label: 'Grade', before: [last.before], addedLogIds: [last.logId] })
                gone.add(String(last.review))
                break
              }
              case 'edit':
                if (target && !target.reverse)
                  await editCardText(db, target.deckId, target.cardId, { front: a.text, back: 'Answer', extra: '' }, now)
                break
              case 'flag':
                if (target) await toggleFlag(db, target, a.flag)
                break
              case 'suspend':
                if (target) await setSuspended(db, target, target.queue !== -1)
                break
              case 'import':
                await mergeDeck(db, { ...makeDeck(a.deck, makeCards(2)), origin: 'user' }, now)
                break
              case 'delete-deck':
                if (await db.decks.get(a.deck)) await deleteDeck(db, a.deck)
                break
              case 'move':
                if (target && target.deckId !== a.to && (await db.decks.get(a.to))) await moveCards(db, [target.id], a.to)
                break
              case 'delete-card':
                if (target) for (const r of await db.reviews.where('cardKey').equals(target.id).toArray()) gone.add(String(r.review))
                if (target) await deleteCards(db, [target.id])
                break
              case 'sync':
                expect((await syncNow(db, machine.folder, { now })).ok).toBe(true)
                break
              case 'snapshot':
                expect((await syncNow(db, machine.folder, { now, snapshot: true, snapshotPartChars: partChars })).ok).toBe(true)
                break
            }
          }

          // Everything arrives everywhere, whole; every machine syncs until nothing new comes.
          for (let round = 0; round < 3; round++) {
            for (const machine of machines) {
              elapsed += 60_000
              const snapshot = compactAtEnd && round === 1 ? { snapshot: true, snapshotPartChars: partChars } : {}
              expect((await syncNow(machine.db, machine.folder, { now: at(machine), ...snapshot })).ok).toBe(true)
            }
            for (const from of machines)
              for (const to of machines)
                if (from !== to) {
                  deliver(from.folder, to.folder)
                  deliverRemovals(from.folder, to.folder)
                }
          }
          for (const machine of machines) expect((await syncNow(machine.db, machine.folder, { now: at(machine) })).ok).toBe(true)

          const collections = await Promise.all(machines.map((machine) => collectionOf(machine.db, { studied: true })))
          for (const other of collections.slice(1)) expect(other).toEqual(collections[0])
          // Exactly once: no grade twice, and every grade of a card nobody deleted is there.
          const reviews = collections[0]!.reviews.map((r) => r.split(' ').slice(1, 3).join(' '))
          expect(new Set(reviews).size).toBe(reviews.length)
          const kept = new Set(reviews)
          for (const g of grades) if (!gone.has(g.split(' ')[0]!)) expect(kept.has(g)).toBe(true)
          await Promise.all(machines.map((machine) => machine.db.delete()))
        }
      ),
      {
        numRuns: Number(process.env.RECALL_SYNC_RUNS ?? 12),
        endOnFailure: true,
        // A fixed seed, so that a red CI can be replayed; RECALL_SYNC_SEED=random explores (docs/sync.md).
        ...(process.env.RECALL_SYNC_SEED === 'random'
          ? {}
          : {
              seed: Number(process.env.RECALL_SYNC_SEED ?? FIXED_SEED),
              ...(process.env.RECALL_SYNC_PATH ? { path: process.env.RECALL_SYNC_PATH } : {})
            })
      }
    )
  })
})

/** One sync engine's habits: everything at once, one file, a file cut short (its whole copy comes later), a conflict copy, the files a machine removed (compaction), before or after what replaces them. */
function carry(from: MemoryFolder, to: MemoryFolder, how: Carry, pick: number): void {
  if (from === to) return
  if (how === 'removals') return deliverRemovals(from, to)
  const paths = [...from.files.keys()].sort()
  if (paths.length === 0) return
  const path = paths[pick % paths.length]!
  const text = from.files.get(path)!
  if (how === 'all') deliver(from, to)
  else if (how === 'one') deliver(from, to, (p) => p === path || p.includes('/media/'))
  else if (how === 'cut' && !to.files.has(path)) to.files.set(path, text.slice(0, Math.max(1, pick % text.length)))
  else if (how === 'conflict-copy') to.files.set(path.replace(/\.(\w+)$/, '.sync-conflict-20260303-101010-ABCDEF7.$1'), text)
}
