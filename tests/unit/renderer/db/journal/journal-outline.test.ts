import { outlineJournal } from '@db/journal/journal-outline'
import { readJournal } from '@db/journal/journal-replay'
import { encodeRecord, type JournalRecord } from '@shared/journal/journal-format'
import { describe, expect, it } from 'vitest'

const lines = (records: JournalRecord[]) => records.map(encodeRecord).join('')
const begin = (tx: string, seq: number, epoch = 'e1'): JournalRecord => ({ k: 'begin', tx, seq, epoch, at: 1 })
const put = (tx: string, id: number): JournalRecord => ({ k: 'put', tx, table: 'reviews', values: [{ id, cardKey: 'aws/c1' }] })
const commit = (tx: string): JournalRecord => ({ k: 'commit', tx })

describe('the start-up check’s outline of the journal', () => {
  it('finds the same transactions as reading it whole: cut short, aborted, of another epoch, damaged rows, torn tail', () => {
    const first = lines([{ k: 'epoch', tx: 'a.epoch', epoch: 'e1', at: 0, fromEmpty: true }, begin('a.1', 1), put('a.1', 1), commit('a.1')])
    // A damaged row line does not undo its transaction; a transaction without its commit counts for nothing.
    const damagedPut = encodeRecord(put('a.2', 2)).replace('aws/c1', 'aws/c9')
    const second = lines([begin('a.2', 2)]) + damagedPut + lines([commit('a.2'), begin('a.3', 3), put('a.3', 3)])
    const third =
      lines([
        begin('b.1', 5),
        put('b.1', 5),
        commit('b.1'),
        begin('b.2', 4),
        commit('b.2'),
        begin('b.3', 6),
        { k: 'abort', tx: 'b.3' },
        begin('b.4', 7, 'e0'),
        commit('b.4')
      ]) + encodeRecord(begin('b.5', 8)).slice(0, 20)
    const segments = [
      { segment: 'a.jrnl', text: first + second },
      { segment: 'b.jrnl', text: third }
    ]
    const whole = readJournal('e1', segments).txs.map((tx) => tx.seq)
    expect(whole).toEqual([1, 2, 4, 5])
    expect(outlineJournal('e1', segments).seqs).toEqual(whole)
  })

  it('reads an empty journal as no transactions', () => {
    expect(outlineJournal('e1', []).seqs).toEqual([])
    expect(outlineJournal('e1', [{ segment: 'a.jrnl', text: '' }]).seqs).toEqual([])
  })
})
