import { Queue } from '@core/model'
import { compileSearch, type SearchContext } from '@core/search/compile'
import { parseSearch } from '@core/search/parse'
import { retrievabilityAt } from '@core/stats/retrievability'
import { studyDayStart } from '@core/time/study-day'
import { BrowseCacheDatabase } from '@db/browse-cache'
import type { RecallDatabase } from '@db/database'
import { BrowseEngine } from '@renderer/workers/browse-engine'
import { Rating } from 'ts-fsrs'
import { beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase } from '../../helpers/fixtures'
import {
  DECKS,
  found,
  NOW,
  opened,
  pagingCards,
  referenceOrder,
  request,
  seedPaging,
  SEARCH_CONTEXT,
  SORT_COLUMNS,
  VIEW
} from './browse-collection'

describe('the browser’s search engine on 600 cards with ties', () => {
  const cards = pagingCards()
  let db: RecallDatabase
  let engine: BrowseEngine
  beforeAll(async () => {
    db = freshDatabase()
    await seedPaging(db, cards)
    engine = await opened(db)
  })

  it.each(SORT_COLUMNS.flatMap((column) => [false, true].map((descending) => [column, descending] as const)))(
    'orders every listed card by %s (descending: %s) as a plain sort does',
    async (column, descending) => {
      expect(await found(engine, request('', { column, descending }))).toEqual(referenceOrder(cards, column, descending))
    }
  )

  it('finds, for every kind of search, the same cards as the compiled predicate run over every card', async () => {
    const logs = await db.reviews.toArray()
    const ratedSince = (key: string, days: number) => {
      const since = studyDayStart(VIEW.dayStart, 1 - days, VIEW.dayStartsAtHour)
      return logs.some((l) => l.cardKey === key && l.review >= since && l.rating !== Rating.Manual)
    }
    const ctx: SearchContext = {
      now: NOW,
      dayStart: VIEW.dayStart,
      dayStartsAtHour: VIEW.dayStartsAtHour,
      retrievability: (c) => retrievabilityAt(c, NOW),
      ratedSince,
      deckName: (id) => VIEW.deckNames[id]
    }
    const all = (await db.cards.toArray()).filter((c) => c.queue !== Queue.Removed)
    const queries = [
      '',
      'apple',
      'APPLE pie',
      'eclair',
      'nc:eclair',
      'w:apple',
      '"re:(?-i)^Apple"',
      '"cherry answer"',
      'deck:apples',
      'deck:a*',
      'deck:gamma',
      'tag:fruit',
      'tag:none',
      '-tag:fruit is:new',
      'is:suspended OR is:buried',
      'is:due',
      'is:review -is:suspended',
      'flag:2',
      'prop:s>5',
      'prop:r<0.9',
      'prop:due<=0',
      'prop:reps>=3 prop:lapses=1',
      'rated:1',
      'rated:3 -deck:alpha',
      'added:28',
      '(apple OR banana) -pie'
    ]
    for (const query of queries) {
      const parsed = parseSearch(query)
      if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`)
      const predicate = compileSearch(parsed.ast)
      const expected = all.filter((c) => predicate(c, ctx)).map((c) => c.id)
      expect([...(await found(engine, request(query)))].sort(), query).toEqual(expected.sort())
      expect(expected.length, `${query} finds something`).toBeGreaterThan(query === 'tag:none' ? -1 : 0)
    }
  })

  it('narrows to one deck, says where a search cannot be read, and leaves retired cards out', async () => {
    expect(await found(engine, request('apple', undefined, 'beta'))).toEqual(
      referenceOrder(cards, 'created', false).filter(
        (id) => id.startsWith('beta/') && /apple/i.test(cards.find((c) => c.id === id)!.question)
      )
    )
    expect(await engine.search(request('tag:x ('))).toEqual({ ok: false, message: 'Missing ")" for the "(" at character 7', position: 6 })
    const listed = await found(engine, request(''))
    expect(listed).not.toContain('alpha/n0')
    expect(listed).toHaveLength(cards.filter((c) => c.queue !== Queue.Removed).length)
  })

  it('counts the suspended cards among targets: given keys, or the last results but some', async () => {
    const suspended = cards.filter((c) => c.queue === Queue.Suspended).map((c) => c.id)
    expect(await engine.suspended({ ids: [...suspended.slice(0, 3), 'beta/n1'] })).toEqual({ count: 4, suspended: 3 })
    await found(engine, request('is:suspended'))
    expect(await engine.suspended({ allExcept: [suspended[0]!] })).toEqual({ count: suspended.length - 1, suspended: suspended.length - 1 })
  })
})

describe('the browser’s columns kept beside the collection', () => {
  it('opens from the cache without reading every card, and catches up with cards added, changed, moved and deleted since', async () => {
    const db = freshDatabase()
    await seedPaging(db)
    const progress: number[] = []
    const first = await opened(db, db.name, (read) => progress.push(read))
    expect(progress.at(-1)).toBe(600)
    await first.save()

    // Since then: a card edited, one graded (its change stamp moves on), one added, one deleted, one moved to another deck.
    const moved = (await db.cards.get('beta/n5'))!
    await db.cards.update('alpha/n4', { question: 'Freshly written' })
    await db.cards.update('gamma/n6', { reps: 99, queue: Queue.Suspended })
    await db.cards.add({ ...moved, id: 'delta/new-one', cardId: 'new-one', deckId: 'delta', question: 'A new card', ord: 1000 })
    await db.cards.delete('beta/n9')
    await db.transaction('rw', db.cards, async () => {
      await db.cards.delete(moved.id)
      await db.cards.add({ ...moved, id: 'gamma/moved', deckId: 'gamma', cardId: 'moved' })
    })

    const reading: number[] = []
    const second = await opened(db, db.name, (read) => reading.push(read))
    expect(reading).toEqual([])
    expect(await found(second, request('freshly'))).toEqual(['alpha/n4'])
    expect(await found(second, request('"a new card"'))).toEqual(['delta/new-one'])
    expect(await found(second, request('prop:reps=99 is:suspended'))).toEqual(['gamma/n6'])
    // Deleted cards leave no stamp: the check after opening finds them.
    expect(await second.check()).toBe(true)
    const all = await found(second, request('', { column: 'question', descending: false }))
    const fresh = await opened(db, `${db.name}-elsewhere`)
    expect(all).toEqual(await found(fresh, request('', { column: 'question', descending: false })))
    expect(all).not.toContain('beta/n9')
    expect(all).not.toContain('beta/n5')
    expect(all).toContain('gamma/moved')
    expect(await second.check()).toBe(false)
  })

  it('reads cards again after an action, including ones gone since', async () => {
    const db = freshDatabase()
    await seedPaging(db)
    const engine = await opened(db)
    await db.cards
      .where('deckId')
      .equals('delta')
      .modify({ tags: ['moved-on'] })
    await db.cards.delete('beta/n1')
    await engine.refresh(['delta/n3', 'delta/n7', 'beta/n1'])
    expect(await found(engine, request('tag:moved-on'))).toEqual(
      referenceOrder(pagingCards(), 'created', false).filter((id) => id === 'delta/n3' || id === 'delta/n7')
    )
    expect(await found(engine, request(''))).not.toContain('beta/n1')
  })

  it('fills in the texts from the cache after the rest, keeping those of cards written since; reads a deck again whose texts are missing', async () => {
    const db = freshDatabase()
    await seedPaging(db)
    await (await opened(db)).save()
    await db.cards.update('alpha/n8', { question: 'Written after the cache' })
    const cache = new BrowseCacheDatabase(db.name)
    await cache.texts.delete('gamma')
    const engine = new BrowseEngine(db, cache)
    await engine.open()
    expect(await found(engine, request('"written after"'))).toEqual(['alpha/n8'])
    const fresh = await opened(db, `${db.name}-elsewhere`)
    for (const column of ['question', 'answer'] as const)
      expect(await found(engine, request('', { column, descending: false }))).toEqual(
        await found(fresh, request('', { column, descending: false }))
      )
    expect(await found(engine, request('deck:gamma banana'))).toEqual(await found(fresh, request('deck:gamma banana')))
  })

  it('reads every card again when the cache cannot be read, and lists decks whose names differ only in case apart', async () => {
    const db = freshDatabase()
    await seedPaging(db)
    const cache = new BrowseCacheDatabase(db.name)
    await cache.open()
    await cache.decks.put({ deckId: 'beta', broken: true } as never)
    cache.close()
    const engine = await opened(db)
    const byDeck = await found(engine, request('', { column: 'deck', descending: false }))
    expect(byDeck).toEqual(referenceOrder(pagingCards(), 'deck', false))
    // "apples" and "Apples" tie, and go by deck id; then "Middle", then "Zulu things".
    const runs = byDeck.map((id) => id.split('/')[0]).filter((deck, i, all) => deck !== all[i - 1])
    expect(runs).toEqual(['beta', 'gamma', 'delta', 'alpha'])
    expect(DECKS.map((d) => d.name)).toContain('Apples')
  })
})

describe('the browser’s search over varied text, held packed', () => {
  // Accents composed and decomposed, other scripts, emoji, HTML, cloze, line breaks and runs of
  // spaces (folded apart from the typed text), a lone surrogate (UTF-8 cannot carry it), and decks
  // where few or most fields fold differently.
  const TEXTS = [
    'Résumé of the café',
    'Re\u0301sume\u0301 written decomposed',
    'Über die Brücke',
    'Москва — столица',
    '東京は日本の首都です',
    'العربية نص',
    'Rocket 🚀 launch 👩‍🚀 crew',
    '<b>bold</b> &amp; <i>italic</i>',
    '{{c1::Paris}} is the capital of {{c2::France}}',
    'two\nlines\n\nand  spaces',
    '\ttabbed\u00a0and\u3000wide',
    'half a pair \ud83e here',
    'plain ascii words'
  ]
  const cards = pagingCards(240).map((card, i) => ({
    ...card,
    question: `${TEXTS[i % TEXTS.length]} ${i}`,
    answer: TEXTS[(i * 5 + 3) % TEXTS.length]!,
    // Deck alpha's extras are mostly multi-line (folded apart, packed); the others rarely.
    extra: card.deckId === 'alpha' || i % 29 === 0 ? `line one\nline ${i}` : TEXTS[(i * 7) % TEXTS.length]!,
    // Words that run on from one field into the next (a deck's texts are searched as one string),
    // and in deck delta two halves of a surrogate pair either side of the end of a field.
    // Deck gamma's text is mostly plain (its few folded texts are kept apart, the typed ones searched).
    ...(card.deckId === 'gamma' && i % 40 !== 2 ? { question: `plain ascii words ${i}`, answer: 'plain', extra: '' } : {}),
    ...(i === 2 || i === 6 ? { question: 'runs on across embed', answer: 'ding the end', extra: 'plain' } : {}),
    ...(i === 3 ? { answer: 'half \ud83e', extra: '\udd80 half' } : {})
  }))
  const queries = [
    'résumé',
    'nc:resume',
    'nc:uber',
    'über',
    'столица',
    '日本',
    '🚀',
    '"launch 👩‍🚀"',
    'w:bold',
    '&amp;',
    'c1::paris',
    '"lines and spaces"',
    '"two lines"',
    '"tabbed and wide"',
    '"re:lines\\n\\nand"',
    '"re:(?-i)^Résumé"',
    '"line one line"',
    'half',
    'pair',
    'words -deck:alpha',
    'москва OR 東京',
    // Found within one field, never across the end of one: "embed" + "ding", "end" + "plain".
    'embedding OR москва',
    '"endplain" OR 東京',
    'embed_ing OR москва',
    'embed*ing OR москва',
    'nc:endplain OR nc:uber',
    '"_ half"',
    // Folded, the tab before the word goes.
    '_tabbed OR москва',
    '-embedding -москва -"the end"'
  ]

  it('finds the same cards as the compiled predicate run over the cards themselves, built or read from the cache', async () => {
    const db = freshDatabase()
    await seedPaging(db, cards)
    const built = await opened(db)
    await built.save()
    const cached = await opened(db)
    const ctx = SEARCH_CONTEXT
    const listed = cards.filter((c) => c.queue !== Queue.Removed)
    for (const query of queries) {
      const parsed = parseSearch(query)
      if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`)
      const predicate = compileSearch(parsed.ast)
      const expected = listed.filter((c) => predicate(c, ctx)).map((c) => c.id)
      expect(expected.length, `${query} finds something`).toBeGreaterThan(0)
      expect([...(await found(built, request(query)))].sort(), query).toEqual(expected.sort())
      expect([...(await found(cached, request(query)))].sort(), `${query}, from the cache`).toEqual(expected.sort())
    }
    // Cards written after the texts were packed are found as they now read, in a deck whose
    // folded texts are kept apart (beta) and in one whose are packed (alpha).
    const changed = [
      { ...cards[1]!, question: 'Столица  written\tsince', answer: 'was ending' },
      { ...cards[4]!, question: 'Résumé  written  since', extra: 'столица' },
      { ...cards[5]!, question: 'nothing here', answer: 'nothing', extra: '' },
      { ...cards[10]!, question: 'Столица  written\tsince', answer: 'Ре\u0301зюме' },
      { ...cards[14]!, question: 'nothing here', answer: 'nothing' },
      // Folded, the space before the word goes: `_leading` must not find it.
      { ...cards[18]!, question: ' leading space' }
    ]
    await db.cards.bulkPut(changed)
    await cached.refresh(changed.map((c) => c.id))
    const now = cards.map((c) => changed.find((d) => d.id === c.id) ?? c).filter((c) => c.queue !== Queue.Removed)
    for (const query of [
      'столица',
      '"столица written since"',
      '"résumé written since"',
      'nc:resume',
      'ending',
      'москва',
      '-москва -столица',
      'über',
      'العربية',
      'paris',
      'words',
      '"words 14"',
      'nc:резюме',
      '_leading',
      'leading'
    ]) {
      const parsed = parseSearch(query)
      if (!parsed.ok) throw new Error(`${query}: ${parsed.error}`)
      const predicate = compileSearch(parsed.ast)
      const expected = now.filter((c) => predicate(c, ctx)).map((c) => c.id)
      expect([...(await found(cached, request(query)))].sort(), `${query}, after cards were written`).toEqual(expected.sort())
    }
  })

  it('sorts by question and answer text as a plain sort of the texts in one Unicode form does', async () => {
    const db = freshDatabase()
    await seedPaging(db, cards)
    await (await opened(db)).save()
    const engine = await opened(db)
    const composed = cards.map((c) => ({ ...c, question: c.question.normalize('NFC'), answer: c.answer.normalize('NFC') }))
    for (const column of ['question', 'answer'] as const)
      for (const descending of [false, true])
        expect(await found(engine, request('', { column, descending }))).toEqual(referenceOrder(composed, column, descending))
  })
})
