import { isQuestionNote, type Deck } from '@shared/deck/schema'
import { blueprintOf } from '@shared/exam/blueprints'
import { taskCoverage } from '@shared/exam/coverage'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateBuiltInDecks } from '../../../scripts/deck-generate'
import { basicNotes } from '../helpers/notes'

const decks = readdirSync('decks')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`decks/${f}`, 'utf8')) as Deck)
const notes = decks.flatMap((d) => d.notes.map((note) => ({ deck: d.id, note })))

describe('built-in decks', () => {
  it('are exactly what `npm run decks` generates from decks/sources, one deck per notes file', async () => {
    const { decks: generated, problems } = await generateBuiltInDecks(process.cwd())
    expect(problems).toEqual([])
    const sources = readdirSync('decks/sources').filter((f) => f.endsWith('.md'))
    expect(generated.map((d) => d.fileName).sort()).toEqual(decks.map((d) => `${d.id}.json`))
    expect(generated).toHaveLength(sources.length)
    for (const deck of generated) expect(readFileSync(`decks/${deck.fileName}`, 'utf8'), deck.fileName).toBe(deck.content)
  })

  it('name, for every note, the exam task statements it serves and the AWS pages its facts were checked against', () => {
    const withoutTasks = notes.filter(({ note }) => !note.tasks?.length).map(({ deck, note }) => `${deck}/${note.id}`)
    const withoutSource = notes.filter(({ note }) => !note.sources?.length).map(({ deck, note }) => `${deck}/${note.id}`)
    expect(withoutTasks).toEqual([])
    expect(withoutSource).toEqual([])
    const sources = notes.flatMap(({ note }) => note.sources ?? [])
    expect(sources.every((s) => /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|docs\.amazonaws\.cn)\//.test(s.url))).toBe(true)
    expect(sources.every((s) => /^\d{4}-\d{2}$/.test(s.checked ?? ''))).toBe(true)
  })

  it.each(['AIF-C01', 'MLA-C02'])('cover every task statement of %s with at least 8 facts and 5 questions in two formats', (exam) => {
    const thin = taskCoverage(blueprintOf(exam)!, decks)
      .filter((row) => row.facts < 8 || row.questions < 5 || row.formats.length < 2)
      .map((row) => `${row.task.key}: ${row.facts} facts, ${row.questions} questions (${row.formats.join(', ')})`)
    expect(thin).toEqual([])
  })

  it('use every question format of the exams, with an explanation for every option', () => {
    const questions = notes.map((n) => n.note).filter(isQuestionNote)
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'ordering', 'matching']))
    expect(notes.some(({ note }) => note.type === 'case')).toBe(true)
    for (const q of questions)
      if (q.type === 'single' || q.type === 'multiple')
        expect(
          q.options.every((o) => o.why.length > 10),
          q.id
        ).toBe(true)
  })

  it('call services by their current names', () => {
    const fronts = decks.flatMap((d) => basicNotes(d).map((n) => n.front))
    expect(fronts.filter((f) => /^Amazon CodeWhisperer\b|^Amazon QuickSight Q\b|^QuickSight Q\b/.test(f))).toEqual([])
    expect(fronts).toContain('Amazon Q Developer')
  })

  it('ask a reversed service card without giving the name away in the answer', () => {
    for (const card of basicNotes(decks.find((d) => d.id === 'aws-ml-services')).filter((c) => c.reverse)) {
      const name = card.front
        .replace(/^(Amazon|AWS)\s+/, '')
        .replace(/\s*\(.*\)$/, '')
        .toLowerCase()
      expect(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(card.back.toLowerCase()), card.front).toBe(false)
    }
  })
})
