import { recallGuid } from '@shared/deck/recall-anki-guid'
import { buildApkg, type ApkgCard, type ApkgInput, type ApkgReview } from '@shared/deck/apkg-export'
import { markdownToAnkiHtml } from '@shared/deck/apkg-export-html'
import { importDeckFile } from '@shared/deck/import-file'
import { deckSchema, type Deck } from '@shared/deck/schema'
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@shared/durations'
import fc from 'fast-check'
import { unzipSync, zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MP3, pngOf } from '../../../fixtures/media/make-media'

let SQL: SqlJsStatic
beforeAll(async () => {
  SQL = await initSqlJs()
})

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0)
const PNG = pngOf(3, 2, [10, 120, 200])

/** A deck with every kind of note Recall has, written as a person would. */
const DECK: Deck = deckSchema.parse({
  format: 'recall-deck',
  version: 2,
  id: 'sagemaker-basics',
  name: 'SageMaker basics',
  description: 'Core SageMaker services',
  notes: [
    {
      id: 'ground-truth',
      type: 'basic',
      front: 'What labels training data with **human** workers?',
      back: 'SageMaker Ground Truth\n![labelling screen](label%20ui.png)',
      extra: 'Uses Mechanical Turk & private teams; cost < $1 per label',
      tags: ['labelling', 'AIF-C01']
    },
    { id: 'clarify', type: 'basic', front: 'SageMaker Clarify', back: 'Detects bias; explains predictions', reverse: true, tags: [] },
    {
      id: 'endpoints',
      type: 'cloze',
      text: '{{c1::Real-time}} endpoints serve one request at a time; {{c2::batch transform::offline}} scores a dataset [sound:say.mp3]',
      extra: 'See the inference options',
      tags: ['inference']
    },
    { id: 'retail-case', type: 'case', scenario: 'A retailer wants weekly demand forecasts.', tags: [] },
    {
      id: 'forecast-service',
      type: 'single',
      stem: 'Which service fits best?',
      case: 'retail-case',
      options: [
        { text: 'Amazon Forecast', correct: true, why: 'Built for time series' },
        { text: 'Amazon Rekognition', correct: false, why: 'Images and video' },
        { text: 'Amazon Polly', correct: false, why: 'Text to speech' },
        { text: 'Amazon Lex', correct: false, why: 'Chat bots' }
      ],
      tags: []
    },
    {
      id: 'ml-steps',
      type: 'ordering',
      stem: 'Order the steps of training',
      steps: ['Collect data', 'Train the model', 'Evaluate it'],
      explanation: 'Data comes first.',
      tags: []
    }
  ]
})

const card = (id: string, state: Partial<ApkgCard> = {}): ApkgCard => ({
  id,
  due: NOW,
  stability: 0,
  difficulty: 0,
  scheduled_days: 0,
  reps: 0,
  lapses: 0,
  state: 0,
  queue: 0,
  ...state
})

const REVIEW_CARD = card('sagemaker-basics/ground-truth', {
  state: 2,
  queue: 2,
  due: NOW + 5 * DAY_MS,
  stability: 12.3456,
  difficulty: 4.5678,
  scheduled_days: 9,
  reps: 3,
  lapses: 1,
  last_review: NOW - 4 * DAY_MS,
  flag: 3
})
const REVIEWS: ApkgReview[] = [
  {
    cardKey: 'sagemaker-basics/ground-truth',
    rating: 3,
    state: 0,
    due: NOW - 20 * DAY_MS,
    scheduled_days: 0,
    review: NOW - 20 * DAY_MS,
    duration: 8000
  },
  {
    cardKey: 'sagemaker-basics/ground-truth',
    rating: 3,
    state: 1,
    due: NOW - 20 * DAY_MS + 10 * MINUTE_MS,
    scheduled_days: 0,
    review: NOW - 20 * DAY_MS + 11 * MINUTE_MS,
    duration: 5000
  },
  {
    cardKey: 'sagemaker-basics/ground-truth',
    rating: 1,
    state: 2,
    due: NOW - 14 * DAY_MS,
    scheduled_days: 5,
    review: NOW - 14 * DAY_MS,
    duration: 12000
  },
  {
    cardKey: 'sagemaker-basics/ground-truth',
    rating: 3,
    state: 3,
    due: NOW - 14 * DAY_MS + 10 * MINUTE_MS,
    scheduled_days: 0,
    review: NOW - 4 * DAY_MS,
    duration: 7000
  },
  // A review of a card not in the export is left out.
  { cardKey: 'other-deck/x', rating: 3, state: 2, due: NOW, scheduled_days: 3, review: NOW - DAY_MS, duration: 1000 }
]

const INPUT: ApkgInput = {
  decks: [
    {
      deck: DECK,
      cards: [
        REVIEW_CARD,
        card('sagemaker-basics/clarify/reverse', {
          state: 1,
          queue: 1,
          due: NOW + 10 * MINUTE_MS,
          stability: 2.3,
          difficulty: 6,
          reps: 1,
          last_review: NOW
        }),
        // Relearning, its next step after tomorrow's 4 am start of day: Anki's "learning over days" queue.
        card('sagemaker-basics/endpoints/c1', {
          state: 3,
          queue: 1,
          due: NOW + 36 * HOUR_MS,
          stability: 1.2,
          difficulty: 8,
          scheduled_days: 4,
          reps: 6,
          lapses: 2
        }),
        card('sagemaker-basics/endpoints/c2', { queue: -1 })
      ],
      desiredRetention: 0.88
    }
  ],
  reviews: REVIEWS,
  media: [
    { name: 'label ui.png', bytes: PNG },
    { name: 'say.mp3', bytes: MP3 }
  ],
  now: NOW
}

let open: Database[] = []
afterEach(() => {
  open.forEach((db) => db.close())
  open = []
})

function unpack(bytes: Uint8Array) {
  const files = unzipSync(bytes)
  const db = new SQL.Database(files['collection.anki21'])
  open.push(db)
  const rows = (sql: string) => {
    const result = db.exec(sql)[0]
    return result ? result.values.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]]))) : []
  }
  const col = rows('SELECT * FROM col')[0]!
  const json = (column: string) => JSON.parse(String(col[column])) as Record<string, Record<string, unknown>>
  return { files, db, rows, col, json }
}

describe('buildApkg: the package Anki reads', () => {
  it('lays the package out as Anki does with "Support older Anki versions": collection.anki21, meta, media map and numbered files', () => {
    const result = buildApkg(INPUT, SQL)
    const { files } = unpack(result.bytes)
    expect(Object.keys(files).sort()).toEqual(['0', '1', 'collection.anki21', 'media', 'meta'])
    expect([...files.meta!]).toEqual([0x08, 0x02])
    expect(JSON.parse(new TextDecoder().decode(files.media))).toEqual({ '0': 'label ui.png', '1': 'say.mp3' })
    expect(files['0']).toEqual(PNG)
    expect(files['1']).toEqual(MP3)
    expect(result).toMatchObject({ notes: 5, cards: 7, reviews: 4, media: 2 })
  })

  it('writes schema 11: the tables and indexes of Anki, version 11 and the JSON columns of col', () => {
    const { rows, col, json } = unpack(buildApkg(INPUT, SQL).bytes)
    const tables = rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name)
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog'])
    expect(rows("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index'")[0]!.n).toBe(7)
    expect(col.ver).toBe(11)
    expect(json('conf')).toMatchObject({ schedVer: 2, nextPos: 5 })
    const decks = Object.values(json('decks'))
    expect(decks.map((d) => d.name).sort()).toEqual(['Default', 'SageMaker basics'])
    const deck = decks.find((d) => d.name === 'SageMaker basics')!
    expect(deck).toMatchObject({ desc: 'Core SageMaker services', dyn: 0, conf: 1, collapsed: false, newToday: [0, 0] })
    expect(json('dconf')['1']).toMatchObject({ name: 'Default', desiredRetention: 0.88, new: { perDay: 20 }, rev: { perDay: 200 } })
    expect(Object.keys(json('tags')).sort()).toEqual(['AIF-C01', 'inference', 'labelling'])
  })

  it('gives each kind of note its note type, with the fields and templates Anki shows', () => {
    const { rows, json } = unpack(buildApkg(INPUT, SQL).bytes)
    const models = Object.values(json('models'))
    const byName = new Map(
      models.map((m) => [
        m.name,
        m as { type: number; flds: Array<{ name: string; ord: number }>; tmpls: Array<{ qfmt: string; afmt: string; ord: number }> }
      ])
    )
    expect([...byName.keys()].sort()).toEqual(['Recall Basic', 'Recall Basic (and reversed card)', 'Recall Cloze', 'Recall Question'])
    const basic = byName.get('Recall Basic')!
    expect(basic.type).toBe(0)
    expect(basic.flds.map((f) => f.name)).toEqual(['Front', 'Back', 'Extra'])
    expect(basic.tmpls.map((t) => t.qfmt)).toEqual(['{{Front}}'])
    expect(basic.tmpls[0]!.afmt).toContain('{{#Extra}}<br><br>{{Extra}}{{/Extra}}')
    expect(byName.get('Recall Basic (and reversed card)')!.tmpls.map((t) => [t.ord, t.qfmt])).toEqual([
      [0, '{{Front}}'],
      [1, '{{Back}}']
    ])
    const cloze = byName.get('Recall Cloze')!
    expect(cloze.type).toBe(1)
    expect(cloze.flds.map((f) => f.name)).toEqual(['Text', 'Back Extra'])
    expect(cloze.tmpls[0]!.qfmt).toBe('{{cloze:Text}}')
    // Every note names its note type, and the note type ids are the keys of col.models.
    const ids = new Set(Object.keys(json('models')).map(Number))
    for (const note of rows('SELECT mid FROM notes')) expect(ids.has(Number(note.mid))).toBe(true)
  })

  it('writes fields as Anki HTML: escaped text, <br> lines, images, bold, sounds and clozes kept', () => {
    const { rows } = unpack(buildApkg(INPUT, SQL).bytes)
    const fields = (guid: string) => String(rows(`SELECT flds FROM notes WHERE guid = '${guid}'`)[0]!.flds).split('\x1f')
    expect(fields(recallGuid('sagemaker-basics', 'ground-truth'))).toEqual([
      'What labels training data with <b>human</b> workers?',
      'SageMaker Ground Truth\n<img src="label ui.png" alt="labelling screen">',
      'Uses Mechanical Turk &amp; private teams; cost &lt; $1 per label'
    ])
    expect(fields(recallGuid('sagemaker-basics', 'endpoints'))).toEqual([
      '{{c1::Real-time}} endpoints serve one request at a time; {{c2::batch transform::offline}} scores a dataset [sound:say.mp3]',
      'See the inference options'
    ])
    const [question, answer] = fields(recallGuid('sagemaker-basics', 'forecast-service'))
    expect(question).toMatch(/^A retailer wants weekly demand forecasts\.<hr>Which service fits best\?/)
    expect(question).toContain('A. Amazon Forecast')
    expect(question).toContain('D. Amazon Lex')
    expect(answer).toContain('<b>A. Amazon Forecast</b>')
    expect(answer).toContain('Built for time series')
    const [steps, order] = fields(recallGuid('sagemaker-basics', 'ml-steps'))
    // The steps are shown out of order; the answer has them in order.
    expect(steps!.indexOf('Collect data')).toBeGreaterThan(steps!.indexOf('Evaluate it'))
    expect(order).toMatch(/1\. Collect data<br>2\. Train the model<br>3\. Evaluate it/)
    // A case study makes no note of its own.
    expect(rows(`SELECT count(*) AS n FROM notes WHERE guid = '${recallGuid('sagemaker-basics', 'retail-case')}'`)[0]!.n).toBe(0)
    const tags = rows(`SELECT tags, sfld, csum FROM notes WHERE guid = '${recallGuid('sagemaker-basics', 'ground-truth')}'`)[0]!
    expect(tags.tags).toBe(' labelling AIF-C01 ')
    expect(tags.sfld).toBe('What labels training data with human workers?')
    // Anki's checksum: the first 8 hex digits of the SHA-1 of the sort field.
    const sha1 = createHash('sha1').update('What labels training data with human workers?').digest('hex')
    expect(tags.csum).toBe(Number.parseInt(sha1.slice(0, 8), 16))
  })

  it('makes the cards Recall studies: ords of reversed notes and clozes (number − 1), one per question', () => {
    const { rows } = unpack(buildApkg(INPUT, SQL).bytes)
    const ords = rows('SELECT n.guid AS guid, c.ord AS ord FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.guid, c.ord').map(
      (r) => `${String(r.guid).replace('recall:sagemaker-basics/', '')}:${Number(r.ord)}`
    )
    expect(ords).toEqual(['clarify:0', 'clarify:1', 'endpoints:0', 'endpoints:1', 'forecast-service:0', 'ground-truth:0', 'ml-steps:0'])
    const decks = rows('SELECT DISTINCT did FROM cards')
    expect(decks).toHaveLength(1)
    expect(decks[0]!.did).not.toBe(1)
  })

  it('carries each card’s scheduling: review due in days from col.crt, learning due in epoch seconds, suspended, new in order, FSRS memory in data', () => {
    const { rows, col } = unpack(buildApkg(INPUT, SQL).bytes)
    const cardOf = (guid: string, ord: number) =>
      rows(
        `SELECT c.* FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = '${recallGuid('sagemaker-basics', guid)}' AND c.ord = ${ord}`
      )[0]!
    const review = cardOf('ground-truth', 0)
    const today = Math.floor((NOW / 1000 - Number(col.crt)) / 86_400)
    expect(review).toMatchObject({ type: 2, queue: 2, ivl: 9, factor: 2500, reps: 3, lapses: 1, flags: 3 })
    expect(Number(review.due) - today).toBe(5)
    expect(JSON.parse(String(review.data))).toEqual({ s: 12.3456, d: 4.568, dr: 0.88, lrt: Math.floor((NOW - 4 * DAY_MS) / 1000) })
    const learning = cardOf('clarify', 1)
    expect(learning).toMatchObject({ type: 1, queue: 1, due: Math.floor((NOW + 10 * MINUTE_MS) / 1000), ivl: 0 })
    const relearning = cardOf('endpoints', 0)
    expect(relearning).toMatchObject({ type: 3, queue: 3, ivl: 4, reps: 6, lapses: 2 })
    expect(Number(relearning.due) - today).toBe(1)
    expect(cardOf('endpoints', 1)).toMatchObject({ type: 0, queue: -1 })
    const fresh = rows('SELECT due FROM cards WHERE type = 0 ORDER BY id').map((r) => r.due)
    expect(fresh).toEqual([1, 2, 3, 4])
    expect(cardOf('clarify', 0)).toMatchObject({ type: 0, queue: 0, ivl: 0, data: '{}' })
  })

  it('writes the review log of the exported cards: ms ids, buttons, kinds, intervals and answer times', () => {
    const { rows } = unpack(buildApkg(INPUT, SQL).bytes)
    const revlog = rows('SELECT * FROM revlog ORDER BY id')
    const cid = rows(
      `SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = '${recallGuid('sagemaker-basics', 'ground-truth')}'`
    )[0]!.id
    expect(revlog.map((r) => [r.id, r.cid, r.usn, r.ease, r.type, r.time])).toEqual([
      [NOW - 20 * DAY_MS, cid, -1, 3, 0, 8000],
      [NOW - 20 * DAY_MS + 11 * MINUTE_MS, cid, -1, 3, 0, 5000],
      [NOW - 14 * DAY_MS, cid, -1, 1, 1, 12000],
      [NOW - 4 * DAY_MS, cid, -1, 3, 2, 7000]
    ])
    // The first step waited 10 minutes (negative seconds); the graduation gave 5 days; the lapse a 10-minute step.
    expect(revlog.map((r) => [r.ivl, r.lastIvl])).toEqual([
      [-600, 0],
      [5, 0],
      [-600, 5],
      [9, 0] // the last grade gave the card its current 9 days
    ])
  })

  it('exports the whole collection: several decks, each its Anki deck, names unique', () => {
    const second: Deck = { ...DECK, id: 'sagemaker-basics-2', name: 'sagemaker BASICS', notes: DECK.notes.slice(0, 2) }
    const { rows, json } = unpack(buildApkg({ decks: [{ deck: DECK }, { deck: second }], now: NOW }, SQL).bytes)
    const names = Object.values(json('decks')).map((d) => d.name)
    expect(names.sort()).toEqual(['Default', 'SageMaker basics', 'sagemaker BASICS (2)'])
    expect(rows('SELECT count(DISTINCT did) AS n FROM cards')[0]!.n).toBe(2)
    expect(rows('SELECT count(*) AS n FROM notes')[0]!.n).toBe(7)
    // Guids are unique across decks, since they hold the deck.
    expect(rows('SELECT count(DISTINCT guid) AS n FROM notes')[0]!.n).toBe(7)
  })
})

describe('buildApkg: a deck’s own note types (notes of type fields)', () => {
  const vocab: Deck = deckSchema.parse({
    format: 'recall-deck',
    version: 2,
    id: 'spanish',
    name: 'Spanish::Verbs',
    noteTypes: [
      {
        id: 'nt-vocab',
        name: 'Vocab',
        kind: 'standard',
        fields: ['Word', 'Meaning', 'Example'],
        templates: [
          { name: 'Recognise', front: '{{Word}}', back: '{{FrontSide}}\n\n{{Meaning}}' },
          { name: 'Produce', front: '{{#Example}}{{Meaning}}{{/Example}}', back: '{{Word}}<br>{{Example}}' }
        ]
      }
    ],
    notes: [
      { id: 'hablar', type: 'fields', noteType: 'nt-vocab', fields: ['hablar', 'to speak', '**Hablo** español'], tags: ['verb'] },
      { id: 'comer', type: 'fields', noteType: 'nt-vocab', fields: ['comer', 'to eat', ''], tags: [] }
    ]
  })

  it('writes the note type with its fields and templates, and the cards its templates make', () => {
    const state = card('spanish/hablar/t1', {
      state: 2,
      queue: 2,
      due: NOW + 2 * DAY_MS,
      stability: 3,
      difficulty: 5,
      scheduled_days: 3,
      reps: 2
    })
    const { rows, json } = unpack(buildApkg({ decks: [{ deck: vocab, cards: [state] }], now: NOW }, SQL).bytes)
    const models = Object.values(json('models')) as Array<{
      name: string
      type: number
      flds: Array<{ name: string }>
      tmpls: Array<{ name: string; qfmt: string; afmt: string }>
    }>
    expect(models).toHaveLength(1)
    expect(models[0]).toMatchObject({ name: 'Vocab (Spanish::Verbs)', type: 0 })
    expect(models[0]!.flds.map((f) => f.name)).toEqual(['Word', 'Meaning', 'Example'])
    expect(models[0]!.tmpls.map((t) => [t.name, t.qfmt, t.afmt])).toEqual([
      ['Recognise', '{{Word}}', '{{FrontSide}}<br>\n<br>\n{{Meaning}}'],
      ['Produce', '{{#Example}}{{Meaning}}{{/Example}}', '{{Word}}&lt;br&gt;{{Example}}']
    ])
    expect(Object.values(json('decks')).map((d) => d.name)).toContain('Spanish::Verbs')
    const cards = rows(
      'SELECT n.guid AS guid, n.flds AS flds, c.ord AS ord, c.type AS type FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.guid, c.ord'
    )
    expect(cards.map((c) => [c.guid, c.ord, c.type])).toEqual([
      [recallGuid('spanish', 'comer'), 0, 0],
      [recallGuid('spanish', 'hablar'), 0, 0],
      [recallGuid('spanish', 'hablar'), 1, 2]
    ])
    expect(String(cards[1]!.flds).split('\x1f')).toEqual(['hablar', 'to speak', '<b>Hablo</b> español'])
  })
})

describe('markdownToAnkiHtml', () => {
  it('escapes markup, keeps Anki tags and turns simple Markdown into HTML', () => {
    expect(markdownToAnkiHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d')
    expect(markdownToAnkiHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
    // A line wrapped in a paragraph stays a newline (a space on the card, as in Recall); paragraphs, lists and hard breaks are <br>.
    expect(markdownToAnkiHtml('a wrapped\r\nline')).toBe('a wrapped\nline')
    expect(markdownToAnkiHtml('para 1\n\n\npara 2')).toBe('para 1<br>\n<br>\npara 2')
    expect(markdownToAnkiHtml('Steps:\n- one\n- two')).toBe('Steps:<br>\n- one<br>\n- two')
    expect(markdownToAnkiHtml('hard\\\nbreak')).toBe('hard<br>\nbreak')
    expect(markdownToAnkiHtml('**bold** and *italic*, not 2 * 3 * 4')).toBe('<b>bold</b> and <i>italic</i>, not 2 * 3 * 4')
    expect(markdownToAnkiHtml('\\*not italic\\*')).toBe('*not italic*')
    expect(markdownToAnkiHtml('![a "quoted" alt](<my file.png>)')).toBe('<img src="my file.png" alt="a &quot;quoted&quot; alt">')
    expect(markdownToAnkiHtml('![](x%20y.png)')).toBe('<img src="x y.png">')
    expect(markdownToAnkiHtml('[sound:a.mp3] {{c1::x::hint}} {{Front}}')).toBe('[sound:a.mp3] {{c1::x::hint}} {{Front}}')
    expect(markdownToAnkiHtml('日本語 😀')).toBe('日本語 😀')
  })
})

describe('buildApkg read back by Recall’s importer', () => {
  it('gives back the same notes, cards and media', async () => {
    // A deck whose id is not its name's slug, as the built-in decks' are.
    const plain: Deck = deckSchema.parse({
      ...DECK,
      id: 'sm-101',
      notes: DECK.notes.slice(0, 3).map((n) => (n.type === 'basic' ? { ...n, front: n.front.replace(/\*\*/g, '') } : n))
    })
    const { bytes } = buildApkg({ ...INPUT, decks: [{ deck: plain }] }, SQL)
    const result = await importDeckFile({ name: 'SageMaker basics.apkg', bytes }, { sqlJs: SQL })
    expect(result.problems).toEqual([])
    // The same deck (its id from the guids, not from its name), the same notes with their ids.
    expect(result.deck).toMatchObject({ id: 'sm-101', name: 'SageMaker basics' })
    expect(result.deck?.notes).toEqual(plain.notes)
    expect(result.media?.map((m) => m.name).sort()).toEqual(['label ui.png', 'say.mp3'])
  })
})

describe('exam-style questions through Anki and back', () => {
  it('shows each question with its options in Anki, and Recall reads back the same questions and case studies', async () => {
    const file = 'decks/aif-c01-1-ai-ml-fundamentals.json'
    const deck = deckSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
    const isExam = (n: Deck['notes'][number]) => n.type !== 'basic' && n.type !== 'cloze' && n.type !== 'fields'
    const exam = deck.notes.filter(isExam)
    expect(exam.some((n) => n.type === 'case')).toBe(true)
    const { bytes } = buildApkg({ decks: [{ deck }], now: NOW }, SQL)

    // In Anki: the question's front lists its options; "Recall data" is on no card.
    const { rows } = unpack(bytes)
    const single = deck.notes.find((n) => n.id === 'q-overfit-diagnosis')
    if (single?.type !== 'single') throw new Error('the deck lost its sample question')
    const note = rows(`SELECT flds FROM notes WHERE guid = 'recall:${deck.id}/${single.id}'`)[0]!
    const [front, back, data] = String(note.flds).split('\x1f')
    single.options.forEach((option, i) => expect(front).toContain(`${'ABCD'[i]}. ${option.text}`))
    expect(back).toContain('<b>A. The model is overfitting the training data.</b>')
    expect(data).toMatch(/^\{"note":/)
    const templates = rows('SELECT models FROM col')[0]!
    expect(String(templates.models)).not.toContain('{{Recall data}}')

    const result = await importDeckFile({ name: 'exam.apkg', bytes }, { sqlJs: SQL })
    expect(result.problems).toEqual([])
    const byId = (notes: Deck['notes']) => [...notes].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(result.deck!.notes.filter(isExam))).toEqual(byId(exam))
  })

  it('falls back to the question and answer Anki shows when "Recall data" was emptied in Anki', async () => {
    const deck = deckSchema.parse(JSON.parse(readFileSync('decks/aif-c01-1-ai-ml-fundamentals.json', 'utf8')))
    const single = deck.notes.find((n) => n.type === 'single')!
    const { bytes } = buildApkg({ decks: [{ deck: { ...deck, notes: [single] } }], now: NOW }, SQL)
    const files: Record<string, Uint8Array> = unzipSync(bytes)
    const db = new SQL.Database(files['collection.anki21'])
    db.run("UPDATE notes SET flds = substr(flds, 1, instr(flds, char(31)) - 1) || char(31) || 'The answer' || char(31) || ''")
    files['collection.anki21'] = db.export()
    db.close()
    const result = await importDeckFile({ name: 'edited.apkg', bytes: new Uint8Array(zipSync(files)) }, { sqlJs: SQL })
    expect(result.deck?.notes).toMatchObject([{ type: 'basic', back: 'The answer' }])
  })
})

describe('buildApkg at scale', () => {
  it('exports a 1,000-note deck with its history: every card and review row (the time is a figure of npm run bench)', () => {
    const notes = Array.from({ length: 1000 }, (_, i) => ({
      id: `n${i}`,
      type: 'basic' as const,
      front: `Question ${i}: what does service ${i} do?`,
      back: `It does thing ${i}.\nSee the docs.`,
      tags: ['bulk'],
      reverse: i % 2 === 0
    }))
    const deck: Deck = deckSchema.parse({ format: 'recall-deck', version: 2, id: 'bulk', name: 'Bulk', notes })
    const cards = notes.map((n, i) =>
      card(`bulk/${n.id}`, { state: 2, queue: 2, due: NOW + (i % 30) * DAY_MS, stability: 10, difficulty: 5, scheduled_days: 10, reps: 3 })
    )
    const reviews = notes.flatMap((n, i) =>
      [30, 20, 10].map((daysAgo, k) => ({
        cardKey: `bulk/${n.id}`,
        rating: 3,
        state: k === 0 ? 0 : 2,
        due: NOW - daysAgo * DAY_MS,
        scheduled_days: k * 10,
        review: NOW - daysAgo * DAY_MS + i * 1000,
        duration: 4000
      }))
    )
    const result = buildApkg({ decks: [{ deck, cards }], reviews, now: NOW }, SQL)
    expect(result).toMatchObject({ notes: 1000, cards: 1500, reviews: 3000 })
    const { rows } = unpack(result.bytes)
    expect(rows('SELECT count(*) AS n FROM cards WHERE type = 2')[0]!.n).toBe(1000)
  })
})

describe('buildApkg on any text', () => {
  it('writes a package that Recall reads back with every note, whatever the text holds', async () => {
    const text = fc
      .string({
        unit: fc.constantFrom(
          'a',
          'Z',
          ' ',
          '\n',
          '<',
          '>',
          '&',
          '*',
          '_',
          '\\',
          '[',
          ']',
          '(',
          ')',
          '!',
          'é',
          '😀',
          '{',
          '}',
          ':',
          '#',
          '|',
          '-',
          '`',
          '$'
        ),
        maxLength: 40
      })
      .filter((s) => s.trim().length > 0)
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), async (pairs) => {
        const notes = pairs.map(([front, back], i) => ({ id: `n${i}`, type: 'basic' as const, front, back, tags: [] }))
        const deck = deckSchema.safeParse({ format: 'recall-deck', version: 2, id: 'fuzz', name: 'Fuzz', notes })
        if (!deck.success) return
        const { bytes, notes: written } = buildApkg({ decks: [{ deck: deck.data }], now: NOW }, SQL)
        expect(written).toBe(notes.length)
        const { rows } = unpack(bytes)
        for (const row of rows('SELECT flds FROM notes')) expect(String(row.flds)).not.toMatch(/<(?!br>|\/?[bi]>|img )/)
        const back = await importDeckFile({ name: 'fuzz.apkg', bytes }, { sqlJs: SQL })
        expect(back.deck?.notes.map((n) => n.id).sort()).toEqual(notes.map((n) => n.id).sort())
      }),
      { numRuns: 60 }
    )
  })
})
