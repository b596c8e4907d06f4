import type { CardRecord } from '@core/model'
import { lineCount, normaliseAnswer } from '@core/practice/answer-text'
import { buildMultipleChoice, type ChoiceCard } from '@core/practice/multiple-choice'
import { mulberry32 } from '@core/practice/random'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BUILT_IN_DECK_IDS, readDeck, studyCardsOf } from '../../../helpers/built-in-cards'

const SEEDS = [1, 42, 2026]

/** Other cards of the deck that could be a wrong option: distinct answers, not the right one. */
function candidates(target: ChoiceCard, pool: readonly ChoiceCard[], keep: (c: ChoiceCard) => boolean = () => true): Set<string> {
  const right = normaliseAnswer(target.answer)
  return new Set(
    pool
      .filter((c) => c.deckId === target.deckId && c.cardId !== target.cardId && keep(c))
      .map((c) => normaliseAnswer(c.answer))
      .filter((a) => a !== right)
  )
}
const sharesTag = (a: ChoiceCard) => (b: ChoiceCard) => b.tags.some((t) => a.tags.includes(t))

describe.each(BUILT_IN_DECK_IDS)('multiple choice over every card of %s, both directions', (deckId) => {
  const pool = studyCardsOf(readDeck(deckId))
  const byKey = new Map(pool.map((c) => [c.id, c]))

  it.each(SEEDS)('gives four distinct options, one right, with plausible wrong ones (seed %i)', (seed) => {
    const random = mulberry32(seed)
    for (const card of pool) {
      const mc = buildMultipleChoice(card, pool, random)
      const where = `${card.id} seed ${seed}`
      expect(mc.options, where).toHaveLength(4)
      expect(mc.reason, where).toBeUndefined()
      expect(new Set(mc.options.map((o) => normaliseAnswer(o.text))).size, where).toBe(4)
      expect(
        mc.options.filter((o) => o.correct),
        where
      ).toHaveLength(1)
      expect(mc.options[mc.correctIndex], where).toEqual({ text: card.answer, cardKey: card.id, correct: true })

      const distractors = mc.options.filter((o) => !o.correct).map((o) => byKey.get(o.cardKey)!)
      for (const d of distractors) {
        expect(normaliseAnswer(d.answer), where).not.toBe(normaliseAnswer(card.answer))
        expect(d.cardId, where).not.toBe(card.cardId)
        expect(d.deckId, where).toBe(card.deckId)
      }
      const tagged = candidates(card, pool, sharesTag(card)).size
      const sharing = distractors.filter(sharesTag(card)).length
      expect(sharing, where).toBe(Math.min(3, tagged))
      if (tagged >= 3) expect(sharing, where).toBeGreaterThanOrEqual(2)
      expect(mc.fellBack, where).toBe(tagged < 3)
      // Same kind of option (service names, or purposes) whenever the tag leaves enough of them.
      const sameKind = candidates(card, pool, (c) => sharesTag(card)(c) && c.reverse === card.reverse).size
      if (sameKind >= 3)
        expect(
          distractors.every((d) => d.reverse === card.reverse),
          where
        ).toBe(true)
    }
  })

  it('is the same for the same seed, and varies with the seed', () => {
    const run = (seed: number) => {
      const random = mulberry32(seed)
      return pool.map((card) => buildMultipleChoice(card, pool, random))
    }
    expect(run(7)).toEqual(run(7))
    const a = run(7).map((mc) => mc.options.map((o) => o.cardKey).join())
    const b = run(8).map((mc) => mc.options.map((o) => o.cardKey).join())
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(pool.length / 2)
  })
})

describe('multiple choice on the built-in decks, by example', () => {
  const services = studyCardsOf(readDeck('aws-ml-services'))
  const pipeline = studyCardsOf(readDeck('aws-ml-pipeline'))
  const card = (pool: CardRecord[], id: string) => pool.find((c) => c.id === id)!

  it('asks "which service converts text to speech?" with service names, the other speech services among them', () => {
    const polly = card(services, 'aws-ml-services/polly/reverse')
    for (const seed of SEEDS) {
      const texts = buildMultipleChoice(polly, services, mulberry32(seed)).options.map((o) => o.text)
      expect(texts).toContain('Amazon Polly')
      expect(texts).toContain('Amazon Transcribe')
      expect(texts).toContain('Amazon Translate')
      expect(texts.every((t) => /^(Amazon|AWS) /.test(t))).toBe(true)
    }
  })

  it('offers other service lists, not one-line purposes, against the nine-stage list', () => {
    const stages = card(pipeline, 'aws-ml-pipeline/stage-order')
    expect(lineCount(stages.answer)).toBe(9)
    for (const seed of SEEDS) {
      const mc = buildMultipleChoice(stages, pipeline, mulberry32(seed))
      for (const option of mc.options) expect(lineCount(option.text), option.cardKey).toBeGreaterThan(2)
    }
  })

  it('puts the right answer in every position across seeds', () => {
    const polly = card(services, 'aws-ml-services/polly')
    const positions = new Set(Array.from({ length: 40 }, (_, seed) => buildMultipleChoice(polly, services, mulberry32(seed)).correctIndex))
    expect([...positions].sort()).toEqual([0, 1, 2, 3])
  })
})

const mk = (cardId: string, answer: string, tags: string[] = ['t'], reverse = false): ChoiceCard => ({
  id: reverse ? `d/${cardId}/reverse` : `d/${cardId}`,
  deckId: 'd',
  cardId,
  reverse,
  answer,
  tags
})

describe('multiple choice on small decks', () => {
  it('offers fewer options, and says why, when the deck has few other answers', () => {
    const pool = [mk('a', 'Alpha'), mk('b', 'Beta'), mk('c', 'Gamma')]
    const mc = buildMultipleChoice(pool[0]!, pool, mulberry32(1))
    expect(mc.options.map((o) => o.text).sort()).toEqual(['Alpha', 'Beta', 'Gamma'])
    expect(mc.reason).toBe('Only 2 other answers in this deck')
    expect(buildMultipleChoice(pool[0]!, pool.slice(0, 2), mulberry32(1)).reason).toBe('Only 1 other answer in this deck')
  })

  it('cannot ask a card whose only other answer is its own reverse', () => {
    const pool = [mk('a', 'Alpha'), mk('a', 'What is alpha?', ['t'], true)]
    expect(buildMultipleChoice(pool[0]!, pool, mulberry32(1))).toEqual({
      options: [],
      correctIndex: -1,
      fellBack: true,
      reason: 'No other answers in this deck to choose from'
    })
  })

  it('never offers the same text twice, nor the right answer as a wrong one, whatever the spacing, case or emphasis', () => {
    const pool = [
      mk('a', 'Amazon S3'),
      mk('b', '**amazon  s3**'),
      mk('c', 'Amazon EMR'),
      mk('d', ' amazon emr '),
      mk('e', '_Amazon_ Redshift')
    ]
    const mc = buildMultipleChoice(pool[0]!, pool, mulberry32(3))
    expect(mc.options.map((o) => normaliseAnswer(o.text)).sort()).toEqual(['amazon emr', 'amazon redshift', 'amazon s3'])
    expect(mc.reason).toBe('Only 2 other answers in this deck')
  })

  it('falls back to cards without a shared tag, and says so', () => {
    const pool = [mk('a', 'A', ['x']), mk('b', 'B', ['x']), mk('c', 'C', ['y']), mk('d', 'D', ['z'])]
    const mc = buildMultipleChoice(pool[0]!, pool, mulberry32(5))
    expect(mc.options).toHaveLength(4)
    expect(mc.fellBack).toBe(true)
    expect(
      buildMultipleChoice(pool[0]!, pool, mulberry32(5), 2)
        .options.map((o) => o.text)
        .sort()
    ).toEqual(['A', 'B'])
  })
})

describe('multiple choice, property', () => {
  const answers = ['Alpha', 'alpha', '**Alpha**', 'Beta', ' beta ', 'Gamma', '- one\n- two', '- one\n-  two', 'Delta']
  const cardArb = fc.record({
    answer: fc.constantFrom(...answers),
    tags: fc.subarray(['x', 'y', 'z'])
  })

  it('holds its promises on any small deck', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.integer({ min: 2, max: 6 }),
        fc.nat(),
        (specs, seed, count, pick) => {
          // Cards 8–10 are the reverse sides of cards 1–3: a sibling must never be an option.
          const pool = specs.map((s, i) => mk(`c${i % 7}`, s.answer, s.tags, i >= 7))
          const target = pool[pick % pool.length]!
          const mc = buildMultipleChoice(target, pool, mulberry32(seed), count)
          const available = candidates(target, pool).size
          const wrong = Math.min(count - 1, available)
          expect(mc.options).toHaveLength(wrong === 0 ? 0 : wrong + 1)
          expect(mc.reason !== undefined).toBe(wrong < count - 1)
          if (wrong === 0) return
          expect(new Set(mc.options.map((o) => normaliseAnswer(o.text))).size).toBe(mc.options.length)
          expect(mc.options.filter((o) => o.correct)).toEqual([{ text: target.answer, cardKey: target.id, correct: true }])
          expect(mc.options[mc.correctIndex]!.correct).toBe(true)
          const keys = mc.options.filter((o) => !o.correct).map((o) => o.cardKey)
          expect(keys.every((k) => pool.find((c) => c.id === k)!.cardId !== target.cardId)).toBe(true)
        }
      ),
      { seed: 20260105, numRuns: 300 }
    )
  })
})
