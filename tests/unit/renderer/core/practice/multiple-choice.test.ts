import { lineCount, normaliseAnswer, sameMeaning } from '@core/practice/answer-text'
import { buildMultipleChoice, type ChoiceCard } from '@core/practice/multiple-choice'
import { mulberry32 } from '@core/practice/random'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { readDeck, studyCardsOf } from '../../../helpers/built-in-cards'

const SEEDS = [1, 42, 2026]
/** A service and a feature of one are both product names: they may stand in for each other. */
const family = (kind: string | undefined) => (kind === 'feature' ? 'service' : kind)
const DECK_IDS = readdirSync('decks')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
const everyCard = DECK_IDS.flatMap((id) => studyCardsOf(readDeck(id)))
const byKey = new Map(everyCard.map((c) => [c.id, c]))
const related = (target: ChoiceCard, option: ChoiceCard) =>
  (option.deckId === target.deckId && (target.confusable?.includes(option.cardId) || option.confusable?.includes(target.cardId))) ||
  (option.tasks ?? []).some((t) => target.tasks?.includes(t))

describe.each(DECK_IDS)('multiple choice over every front/back card of %s, both directions', (deckId) => {
  const cards = everyCard.filter((c) => c.deckId === deckId && !c.noteType)

  it.each(SEEDS)('asks it with four options that say different things, one right, three good wrong ones (seed %i)', (seed) => {
    const random = mulberry32(seed)
    let asked = 0
    for (const card of cards) {
      const mc = buildMultipleChoice(card, everyCard, random)
      const where = `${card.id} seed ${seed}`
      if (mc.options.length === 0) {
        expect(mc.reason, where).toMatch(/asked as a flashcard$/)
        continue
      }
      asked++
      expect(mc.options, where).toHaveLength(4)
      expect(
        mc.options.filter((o) => o.correct),
        where
      ).toEqual([{ text: card.answer, cardKey: card.id, correct: true }])
      expect(mc.options[mc.correctIndex]!.correct, where).toBe(true)
      for (const [i, a] of mc.options.entries())
        for (const b of mc.options.slice(i + 1)) expect(sameMeaning(a.text, b.text), `${where}: ${a.text} / ${b.text}`).toBe(false)
      for (const d of mc.options.filter((o) => !o.correct).map((o) => byKey.get(o.cardKey)!)) {
        expect(d.noteType, where).toBeUndefined()
        expect(`${d.deckId}/${d.cardId}`, where).not.toBe(`${card.deckId}/${card.cardId}`)
        expect(d.reverse, where).toBe(card.reverse)
        expect(family(d.kind), where).toBe(family(card.kind))
        expect(lineCount(d.answer) > 1, where).toBe(lineCount(card.answer) > 1)
        expect(related(card, d), `${where}: ${d.id} is unrelated`).toBe(true)
        expect(normaliseAnswer(d.question), `${where}: ${d.id} answers the same question`).not.toBe(normaliseAnswer(card.question))
      }
    }
    // Most cards of a built-in deck can be practised as multiple choice.
    expect(asked / cards.length).toBeGreaterThan(deckId === 'aws-ml-chips' ? 0.1 : 0.6)
  })

  it('is the same for the same seed, and varies with the seed', () => {
    const run = (seed: number) => {
      const random = mulberry32(seed)
      return cards.map((card) => buildMultipleChoice(card, everyCard, random))
    }
    expect(run(7)).toEqual(run(7))
    const a = run(7).map((mc) => mc.options.map((o) => o.cardKey).join())
    const b = run(8).map((mc) => mc.options.map((o) => o.cardKey).join())
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(cards.filter((_, i) => a[i] !== '').length / 3)
  })
})

describe('multiple choice on the built-in decks, by example', () => {
  const card = (id: string) => byKey.get(id)!
  const optionsOf = (id: string, seed: number) => buildMultipleChoice(card(id), everyCard, mulberry32(seed)).options

  it('asks "which service converts text to speech?" with service names only', () => {
    for (const seed of SEEDS) {
      const texts = optionsOf('aws-ml-services/polly/reverse', seed).map((o) => o.text)
      expect(texts).toContain('Amazon Polly')
      expect(texts).toHaveLength(4)
      expect(texts.every((t) => /^(Amazon|AWS) /.test(t))).toBe(true)
    }
  })

  it('offers the declared confusions first: CloudTrail against CloudWatch, Data Wrangler against DataBrew', () => {
    // Every card asked as multiple choice offers its declared confusions (up to three).
    for (const c of everyCard.filter((c) => c.confusable && !c.noteType)) {
      const keys = buildMultipleChoice(c, everyCard, mulberry32(3)).options.map((o) => o.cardKey)
      if (keys.length === 0) continue
      const declared = c
        .confusable!.map((id) => `${c.deckId}/${id}${c.reverse ? '/reverse' : ''}`)
        .filter((k) => {
          const other = byKey.get(k)
          if (!other || family(other.kind) !== family(c.kind) || other.noteType || lineCount(other.answer) !== lineCount(c.answer))
            return false
          const ratio = other.answer.length / c.answer.length
          return ratio < 2.5 && ratio > 0.4
        })
      const offered = declared.filter((k) => keys.includes(k)).length
      expect(offered, c.id).toBeGreaterThanOrEqual(Math.min(1, declared.length))
    }
    for (const seed of SEEDS) {
      expect(optionsOf('aws-ml-services/cloudwatch/reverse', seed).map((o) => o.cardKey)).toContain('aws-ml-services/cloudtrail/reverse')
    }
    const databrew = everyCard.find(
      (c) => c.reverse && c.cardId.includes('databrew') && c.confusable?.some((id) => id.includes('wrangler'))
    )
    expect(databrew, 'a DataBrew note declares Data Wrangler as a confusion').toBeDefined()
    const wrangler = databrew!.confusable!.find((id) => id.includes('wrangler'))!
    expect(optionsOf(databrew!.id, 1).map((o) => o.cardKey)).toContain(
      `${databrew!.deckId}/${wrangler}${databrew!.reverse ? '/reverse' : ''}`
    )
  })

  it('puts the right answer in every position across seeds', () => {
    const positions = new Set(
      Array.from({ length: 40 }, (_, seed) => buildMultipleChoice(card('aws-ml-services/polly'), everyCard, mulberry32(seed)).correctIndex)
    )
    expect([...positions].sort()).toEqual([0, 1, 2, 3])
  })

  it('never asks an exam-style question as a card-made multiple choice', () => {
    const question = everyCard.find((c) => c.noteType === 'single')!
    expect(buildMultipleChoice(question, everyCard, mulberry32(1)).options).toEqual([])
  })
})

const mk = (cardId: string, answer: string, more: Partial<ChoiceCard> = {}): ChoiceCard => ({
  id: more.reverse ? `d/${cardId}/reverse` : `d/${cardId}`,
  deckId: 'd',
  cardId,
  reverse: false,
  question: `What is ${cardId}?`,
  answer,
  tags: ['t'],
  ...more
})

describe('multiple choice on small decks', () => {
  it('is not asked as multiple choice, and says why, when fewer than three good wrong options exist', () => {
    const pool = [mk('a', 'Alpha'), mk('b', 'Beta'), mk('c', 'Gamma')]
    expect(buildMultipleChoice(pool[0]!, pool, mulberry32(1))).toEqual({
      options: [],
      correctIndex: -1,
      reason: 'Only 2 good wrong options for this card: asked as a flashcard'
    })
    expect(buildMultipleChoice(pool[0]!, [...pool, mk('d', 'Delta')], mulberry32(1)).options).toHaveLength(4)
    expect(buildMultipleChoice(pool[0]!, pool, mulberry32(1), 3).options).toHaveLength(3)
  })

  it('never offers its own other direction, nor an option of another kind, shape or length', () => {
    const target = mk('a', 'Amazon Polly', { kind: 'service' })
    const pool = [
      target,
      mk('a', 'Turns text into speech', { reverse: true, kind: 'service' }),
      mk('b', 'Amazon Lex', { kind: 'service' }),
      mk('c', 'Amazon Transcribe', { kind: 'service' }),
      mk('d', 'Amazon Translate', { kind: 'service' }),
      mk('e', 'Precision', { kind: 'metric' }),
      mk('f', '- Amazon S3\n- AWS Glue', { kind: 'service' }),
      mk('g', 'A fully managed service that converts documents, images and audio into structured text output', { kind: 'service' })
    ]
    for (let seed = 0; seed < 20; seed++) {
      const texts = buildMultipleChoice(target, pool, mulberry32(seed)).options.map((o) => o.text)
      expect(texts.sort()).toEqual(['Amazon Lex', 'Amazon Polly', 'Amazon Transcribe', 'Amazon Translate'])
    }
  })

  it('never offers an option that also answers the question, nor two that say the same thing', () => {
    const target = mk('a', 'Amazon S3', { question: 'Which service stores objects?' })
    const pool = [
      target,
      mk('b', 'Amazon EFS', { question: 'which  service stores objects?' }),
      mk('c', '**amazon  s3**'),
      mk('d', 'Amazon EMR'),
      mk('e', ' amazon emr '),
      mk('f', '_Amazon_ Redshift'),
      mk('g', 'Amazon Redshift Serverless')
    ]
    const mc = buildMultipleChoice(target, pool, mulberry32(3))
    expect(mc.options.map((o) => normaliseAnswer(o.text)).sort()).toEqual([
      'amazon emr',
      'amazon redshift',
      'amazon redshift serverless',
      'amazon s3'
    ])
    expect(sameMeaning('stores features for training and inference', 'Stores features for inference and training')).toBe(true)
    expect(sameMeaning('Amazon S3', 'Amazon S3 Glacier')).toBe(false)
  })

  it('takes options that serve the same task statement, or are declared confusable, and prefers the confusions', () => {
    const target = mk('a', 'Alpha', { tasks: ['AIF-C01 1.1'], confusable: ['z'] })
    const pool = [
      target,
      mk('b', 'Beta', { tasks: ['AIF-C01 1.1'] }),
      mk('c', 'Gamma', { tasks: ['AIF-C01 1.1', 'AIF-C01 1.2'] }),
      mk('d', 'Delta', { tasks: ['AIF-C01 2.1'] }),
      mk('e', 'Epsilon', { tasks: ['AIF-C01 1.1'] }),
      mk('z', 'Zeta', { tasks: ['AIF-C01 5.1'] })
    ]
    for (let seed = 0; seed < 20; seed++) {
      const texts = buildMultipleChoice(target, pool, mulberry32(seed)).options.map((o) => o.text)
      expect(texts).toContain('Zeta')
      expect(texts).not.toContain('Delta')
    }
  })
})

describe('multiple choice, property', () => {
  const answers = ['Alpha', 'alpha', '**Alpha**', 'Beta', ' beta ', 'Gamma', '- one\n- two', '- one\n-  two', 'Delta', 'Epsilon']
  const cardArb = fc.record({
    answer: fc.constantFrom(...answers),
    tags: fc.subarray(['x', 'y', 'z']),
    kind: fc.constantFrom(undefined, 'service', 'metric')
  })

  it('holds its promises on any small deck: one right option, no sibling, same direction, kind and tag, nothing said twice', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 2, max: 6 }),
        fc.nat(),
        (specs, seed, count, pick) => {
          // Cards 8–12 are the reverse sides of cards 1–5: a sibling must never be an option.
          const pool = specs.map((s, i) =>
            mk(`c${i % 7}`, s.answer, { tags: s.tags, reverse: i >= 7, ...(s.kind ? { kind: s.kind } : {}) })
          )
          const target = pool[pick % pool.length]!
          const mc = buildMultipleChoice(target, pool, mulberry32(seed), count)
          if (mc.options.length === 0) return void expect(mc.reason).toMatch(/flashcard/)
          expect(mc.options).toHaveLength(count)
          expect(mc.options.filter((o) => o.correct)).toEqual([{ text: target.answer, cardKey: target.id, correct: true }])
          for (const [i, a] of mc.options.entries())
            for (const b of mc.options.slice(i + 1)) expect(sameMeaning(a.text, b.text)).toBe(false)
          for (const key of mc.options.filter((o) => !o.correct).map((o) => o.cardKey)) {
            const d = pool.find((c) => c.id === key)!
            expect(d.cardId).not.toBe(target.cardId)
            expect(d.reverse).toBe(target.reverse)
            expect(family(d.kind)).toBe(family(target.kind))
            if (target.tags.length > 0) expect(d.tags.some((t) => target.tags.includes(t))).toBe(true)
          }
        }
      ),
      { seed: 20260105, numRuns: 300 }
    )
  })

  it('is asked whenever enough clean options exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 6 }), fc.nat(), (n, count, seed) => {
        const pool = Array.from({ length: n }, (_, i) => mk(`c${i}`, `Option ${String.fromCharCode(65 + i)}`))
        expect(buildMultipleChoice(pool[0]!, pool, mulberry32(seed), count).options).toHaveLength(n - 1 >= count - 1 ? count : 0)
      }),
      { seed: 7, numRuns: 200 }
    )
  })
})
