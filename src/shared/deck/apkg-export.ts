import { escapeHtml, fieldChecksum, fieldPlainText, markdownToAnkiHtml } from '@shared/deck/apkg-export-html'
import {
  ankiNoteTypeOf,
  noteTypeJson,
  RECALL_BASIC,
  RECALL_CLOZE,
  RECALL_QUESTION,
  RECALL_REVERSED,
  type AnkiNoteType
} from '@shared/deck/apkg-export-note-types'
import {
  collectionConfigJson,
  deckConfigJson,
  deckJson,
  DEFAULT_DECK_ID,
  SCHEMA11_INDEXES,
  SCHEMA11_TABLES
} from '@shared/deck/apkg-export-schema'
import { clozeNumbersOf, questionHasContent } from '@shared/deck/anki-template'
import { parseCloze } from '@shared/deck/cloze'
import { recallGuid } from '@shared/deck/recall-anki-guid'
import { hashText } from '@shared/deck/ids'
import type { CaseNote, Deck, Note, NoteType, QuestionNote } from '@shared/deck/schema'
import { DAY_MS, HOUR_MS } from '@shared/durations'
import { zipSync, type Zippable } from 'fflate'
import type { Database, SqlJsStatic, Statement } from 'sql.js'

/**
 * A Recall deck, several decks or the whole collection as an Anki package (`.apkg`) that Anki
 * 2.1.x (2.1.50+ included) and AnkiDroid import: notes with their note types (apkg-export-note-types.ts),
 * cards with their scheduling state and FSRS memory state, the review log and the media files.
 *
 * The package is what Anki writes with "Support older Anki versions" ticked
 * (`rslib/src/import_export/package/`): `collection.anki21` (SQLite, schema 11: apkg-export-schema.ts),
 * `meta` (version 2, "legacy 2"), `media` (JSON: `{"0": "name.png", …}`) and the files themselves
 * named `0`, `1`, …. A note's guid is `recall:<deck id>/<note id>` (recall-anki-guid.ts), so importing
 * the package again updates the same notes, in Anki and in Recall.
 *
 * Pure: the caller passes the decks with their cards' states, the reviews and the media files,
 * and the initialised SQL.js (as apkg.ts), so the app and the command line share it.
 */

/** A card's scheduling state as Recall keeps it (core/model CardRecord, the fields read here). */
export interface ApkgCard {
  /** The study card key: `deck/note`, `deck/note/reverse`, `deck/note/c2`, `deck/note/t1`. */
  id: string
  /** Epoch ms: a learning card's next step, a review card's due moment. */
  due: number
  stability: number
  difficulty: number
  scheduled_days: number
  reps: number
  lapses: number
  /** ts-fsrs: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number
  last_review?: number
  /** Recall's queue: 0/1/2 from the state, -1 suspended, -2 buried, -3 removed. */
  queue: number
  flag?: number
}

/** One line of Recall's review log (core/model ReviewRecord, the fields read here). */
export interface ApkgReview {
  cardKey: string
  /** 1 Again … 4 Easy; 0 a manual change (reset, reschedule). */
  rating: number
  /** The card's ts-fsrs state before the grade. */
  state: number
  /** The card's due before the grade, epoch ms. */
  due: number
  /** The card's interval before the grade, days. */
  scheduled_days: number
  /** When, epoch ms. */
  review: number
  /** Milliseconds to answer. */
  duration: number
  manual?: 'reset' | 'reschedule'
}

export interface ApkgInput {
  /** Each deck with its cards' states (cards without one are new) and its FSRS desired retention. */
  decks: ReadonlyArray<{ deck: Deck; cards?: readonly ApkgCard[]; desiredRetention?: number }>
  reviews?: readonly ApkgReview[]
  media?: ReadonlyArray<{ name: string; bytes: Uint8Array }>
  /** Now, epoch ms. */
  now: number
  /**
   * The hour the study day starts at, local time (Recall's "next day starts at"; 4 by default): a
   * review card's due day is counted in study days, as the app counts them.
   */
  dayStartsAtHour?: number
  /** FSRS desired retention for Anki's deck options; by default the first deck's, else 0.9. */
  desiredRetention?: number
}

export interface ApkgExport {
  bytes: Uint8Array
  notes: number
  cards: number
  reviews: number
  media: number
}

/** `meta`: a PackageMetadata protobuf whose field 1 (version) is 2, Anki's "legacy 2" package. */
const META_LEGACY_2 = new Uint8Array([0x08, 0x02])

export function buildApkg(input: ApkgInput, sqlJs: SqlJsStatic): ApkgExport {
  const { now } = input
  const dayStart = (input.dayStartsAtHour ?? 4) * HOUR_MS
  const today = studyDayNumber(now, dayStart)
  const daysFromToday = (at: number) => studyDayNumber(at, dayStart) - today
  const nowSecs = Math.floor(now / 1000)
  const states = new Map<string, ApkgCard>()
  for (const { cards } of input.decks) for (const card of cards ?? []) states.set(card.id, card)

  // The collection "starts" before the earliest day a card is due, so every due day is positive.
  let daysBack = 1
  for (const card of states.values()) if (card.state !== 0) daysBack = Math.max(daysBack, 1 - daysFromToday(card.due))
  // …and at the start of a study day, as Anki's own collections are (Anki counts days from there).
  const local = new Date(now - dayStart)
  const todayStart = new Date(local.getFullYear(), local.getMonth(), local.getDate()).getTime() + dayStart
  const crt = Math.floor(todayStart / 1000) - daysBack * 86_400
  const dayNumber = (at: number) => daysBack + daysFromToday(at)

  const db = new sqlJs.Database()
  try {
    // A database in memory needs no journal; the indexes are made once the rows are in.
    db.run('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY')
    db.run(SCHEMA11_TABLES)
    db.run('BEGIN')
    const writer = new CollectionWriter(db, { nowSecs, dayNumber })
    const deckIds = new Map<string, number>()
    const deckJsons: Record<string, unknown> = { [DEFAULT_DECK_ID]: deckJson(DEFAULT_DECK_ID, 'Default', '', nowSecs) }
    const takenNames = new Set(['default'])
    for (const { deck } of input.decks) {
      const id = uniqueNumber(ankiIdOf(deck.id), new Set(deckIds.values()))
      deckIds.set(deck.id, id)
      const name = uniqueName(deck.name.replace(/\s*::\s*/g, '::'), takenNames)
      deckJsons[id] = deckJson(id, name, deck.description ?? '', nowSecs)
    }
    for (const { deck, desiredRetention } of input.decks) writer.writeDeck(deck, deckIds.get(deck.id)!, states, desiredRetention)
    const reviews = writer.writeReviews(input.reviews ?? [])
    const firstDeck = deckIds.values().next().value ?? DEFAULT_DECK_ID
    const models: Record<string, unknown> = {}
    for (const type of writer.usedTypes()) models[type.id] = noteTypeJson(type, firstDeck, nowSecs)
    const tags = Object.fromEntries([...writer.tags].map((tag) => [tag, -1]))
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      crt,
      now,
      now,
      JSON.stringify(collectionConfigJson(firstDeck, writer.usedTypes()[0]?.id ?? RECALL_BASIC.id, writer.newPosition)),
      JSON.stringify(models),
      JSON.stringify(deckJsons),
      JSON.stringify(deckConfigJson(nowSecs, input.desiredRetention ?? input.decks[0]?.desiredRetention ?? 0.9)),
      JSON.stringify(tags)
    ])
    db.run('COMMIT')
    writer.free()
    db.run(SCHEMA11_INDEXES)
    const collection = db.export()
    const media = input.media ?? []
    const files: Zippable = {
      'collection.anki21': [collection, { level: 3 }],
      meta: [META_LEGACY_2, { level: 0 }],
      media: [new TextEncoder().encode(JSON.stringify(Object.fromEntries(media.map((m, i) => [String(i), m.name])))), { level: 0 }]
    }
    // Images and sounds are compressed already: stored as they are.
    media.forEach((m, i) => (files[String(i)] = [m.bytes, { level: 0 }]))
    return { bytes: zipSync(files), notes: writer.noteCount, cards: writer.cardCount, reviews, media: media.length }
  } finally {
    db.close()
  }
}

interface WriterOptions {
  nowSecs: number
  /** A moment's day counted from the collection's creation day (`col.crt`). */
  dayNumber: (at: number) => number
}

/** Writes notes, cards and review log rows; ids are unique epoch-ms-like numbers, as Anki's. */
class CollectionWriter {
  readonly tags = new Set<string>()
  noteCount = 0
  cardCount = 0
  newPosition = 1
  private readonly types = new Map<number, AnkiNoteType>()
  private readonly cardIds = new Map<string, number>()
  /** The scheduling state of each card that has one, by Anki card id. */
  private readonly cardStates = new Map<number, ApkgCard>()
  private nextNoteId: number
  private nextCardId: number
  private readonly insertNote: Statement
  private readonly insertCard: Statement
  private readonly insertReview: Statement

  constructor(
    db: Database,
    private readonly options: WriterOptions
  ) {
    // Anki's ids are creation times in ms; counting up from 11 days ago keeps them unique, past and plausible.
    this.nextNoteId = options.nowSecs * 1000 - 1_000_000_000
    this.nextCardId = options.nowSecs * 1000 - 1_000_000_000
    this.insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)')
    this.insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)')
    this.insertReview = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)')
  }

  usedTypes(): AnkiNoteType[] {
    return [...this.types.values()]
  }

  free(): void {
    this.insertNote.free()
    this.insertCard.free()
    this.insertReview.free()
  }

  writeDeck(deck: Deck, ankiDeckId: number, states: ReadonlyMap<string, ApkgCard>, desiredRetention: number | undefined): void {
    const cases = new Map<string, CaseNote>()
    for (const note of deck.notes) if (note.type === 'case') cases.set(note.id, note)
    const ownTypes = new Map<string, AnkiNoteType>()
    const deckNoteTypes: readonly NoteType[] = deck.noteTypes ?? []
    for (const type of deckNoteTypes) {
      ownTypes.set(type.id, ankiNoteTypeOf(type, ankiIdOf(`${deck.id}/${type.id}`), `${type.name} (${deck.name})`))
    }
    for (const note of deck.notes) {
      const exported = this.noteFields(note, cases, ownTypes, deckNoteTypes)
      if (!exported) continue
      const { type, fields, cards } = exported
      if (cards.length === 0) continue
      const noteId = this.nextNoteId++
      this.types.set(type.id, type)
      const tags = note.tags.map((t) => t.replace(/\s+/g, '_'))
      for (const tag of tags) this.tags.add(tag)
      const sort = fieldPlainText(fields[0] ?? '')
      this.insertNote.run([
        noteId,
        recallGuid(deck.id, note.id),
        type.id,
        this.options.nowSecs,
        tags.length ? ` ${tags.join(' ')} ` : '',
        fields.join('\x1f'),
        sort,
        fieldChecksum(sort),
        ''
      ])
      this.noteCount++
      for (const { ord, key } of cards)
        this.writeCard(noteId, ankiDeckId, ord, `${deck.id}/${key}`, states.get(`${deck.id}/${key}`), desiredRetention)
    }
  }

  /** The note type, fields (HTML) and cards (ord and Recall card key without the deck) of a note. */
  private noteFields(
    note: Note,
    cases: ReadonlyMap<string, CaseNote>,
    ownTypes: ReadonlyMap<string, AnkiNoteType>,
    deckNoteTypes: readonly NoteType[]
  ): { type: AnkiNoteType; fields: string[]; cards: Array<{ ord: number; key: string }> } | undefined {
    const html = markdownToAnkiHtml
    switch (note.type) {
      case 'basic': {
        const fields = [html(note.front), html(note.back), html(note.extra?.trim() ?? '')]
        if (!note.reverse) return { type: RECALL_BASIC, fields, cards: [{ ord: 0, key: note.id }] }
        return {
          type: RECALL_REVERSED,
          fields,
          cards: [
            { ord: 0, key: note.id },
            { ord: 1, key: `${note.id}/reverse` }
          ]
        }
      }
      case 'cloze':
        return {
          type: RECALL_CLOZE,
          fields: [html(note.text), html(note.extra?.trim() ?? '')],
          cards: parseCloze(note.text).numbers.map((n) => ({ ord: n - 1, key: `${note.id}/c${n}` }))
        }
      case 'case':
        return undefined // its scenario is shown above each of its questions
      case 'single':
      case 'multiple':
      case 'ordering':
      case 'matching': {
        const caseNote = note.case ? cases.get(note.case) : undefined
        const scenario = caseNote?.scenario
        const [question, answer] = questionSides(note)
        const front = scenario ? `${html(scenario)}<hr>${question}` : question
        const data = caseNote ? { note, case: caseNote } : { note }
        return { type: RECALL_QUESTION, fields: [front, answer, escapeHtml(JSON.stringify(data))], cards: [{ ord: 0, key: note.id }] }
      }
      case 'fields': {
        const source = deckNoteTypes.find((t) => t.id === note.noteType)
        const type = ownTypes.get(note.noteType)
        if (!source || !type) return undefined
        const values = note.fields
        const cards =
          source.kind === 'cloze'
            ? clozeNumbersOf(source, values).map((n) => ({ ord: n - 1, key: `${note.id}/c${n}` }))
            : source.templates.flatMap((t, ord) =>
                questionHasContent(t.front, source.fields, values) ? [{ ord, key: ord === 0 ? note.id : `${note.id}/t${ord}` }] : []
              )
        return { type, fields: values.map((v) => html(v)), cards }
      }
    }
  }

  private writeCard(
    noteId: number,
    deckId: number,
    ord: number,
    key: string,
    state: ApkgCard | undefined,
    desiredRetention: number | undefined
  ): void {
    const id = this.nextCardId++
    this.cardIds.set(key, id)
    this.cardCount++
    const { nowSecs, dayNumber } = this.options
    if (!state || state.state === 0 || state.queue === -3) {
      const queue = state?.queue === -1 ? -1 : 0
      this.insertCard.run([id, noteId, deckId, ord, nowSecs, 0, queue, this.newPosition++, 0, 0, 0, 0, 0, state?.flag ?? 0, '{}'])
      return
    }
    this.cardStates.set(id, state)
    const type = state.state === 2 ? 2 : state.state === 3 ? 3 : 1
    const dueDay = dayNumber(state.due)
    const today = dayNumber(nowSecs * 1000)
    // Learning due today waits in minutes (epoch seconds); a later step waits in days (queue 3).
    const learningToday = type !== 2 && dueDay <= today
    let queue = type === 2 ? 2 : learningToday ? 1 : 3
    if (state.queue === -1) queue = -1
    else if (state.queue === -2) queue = -2
    const due = learningToday ? Math.floor(state.due / 1000) : dueDay
    const ivl = type === 1 ? 0 : Math.max(1, Math.round(state.scheduled_days))
    const data: Record<string, number> = {}
    if (state.stability > 0) {
      data.s = round(state.stability, 4)
      data.d = round(state.difficulty, 3)
      if (desiredRetention !== undefined) data.dr = round(desiredRetention, 2)
    }
    if (state.last_review !== undefined) data.lrt = Math.floor(state.last_review / 1000)
    const left = type === 2 ? 0 : 1001
    this.insertCard.run([
      id,
      noteId,
      deckId,
      ord,
      nowSecs,
      type,
      queue,
      due,
      ivl,
      2500,
      state.reps,
      state.lapses,
      left,
      state.flag ?? 0,
      JSON.stringify(data)
    ])
  }

  /** The review log of the exported cards; returns how many rows were written. */
  writeReviews(reviews: readonly ApkgReview[]): number {
    const byCard = new Map<number, ApkgReview[]>()
    for (const review of reviews) {
      const cid = this.cardIds.get(review.cardKey)
      if (cid === undefined) continue
      let list = byCard.get(cid)
      if (!list) byCard.set(cid, (list = []))
      list.push(review)
    }
    const usedIds = new Set<number>()
    let written = 0
    for (const [cid, list] of byCard) {
      list.sort((a, b) => a.review - b.review)
      list.forEach((review, i) => {
        // What the grade led to: the next grade's "before", or for the last grade the card as it is now.
        const next: { due: number; scheduled_days: number } | undefined = list[i + 1] ?? this.cardStates.get(cid)
        let id = Math.floor(review.review)
        while (usedIds.has(id)) id++
        usedIds.add(id)
        const manual = review.rating === 0
        const kind = manual ? (review.manual === 'reset' ? 4 : 5) : review.state === 2 ? 1 : review.state === 3 ? 2 : 0
        // The interval the grade gave: days, or negative seconds for a step within the day.
        const after = next ? next.due - review.review : undefined
        const ivl =
          next === undefined || after === undefined || after <= 0
            ? 0
            : next.scheduled_days >= 1 && after >= DAY_MS / 2
              ? Math.round(next.scheduled_days)
              : -Math.max(60, Math.round(after / 1000))
        const lastIvl = review.scheduled_days >= 1 ? Math.round(review.scheduled_days) : 0
        const factor = kind === 0 ? 0 : 2500
        this.insertReview.run([id, cid, manual ? 0 : review.rating, ivl, lastIvl, factor, Math.max(0, Math.round(review.duration)), kind])
        written++
      })
    }
    return written
  }
}

/** The sides of an exam-style question as HTML: the stem with its options, and the right answer with why. */
function questionSides(note: QuestionNote): [string, string] {
  const html = markdownToAnkiHtml
  const letter = (i: number) => String.fromCharCode(65 + i)
  const list = (items: string[]) => `<div class="recall-options">${items.join('<br>')}</div>`
  switch (note.type) {
    case 'single':
    case 'multiple': {
      const right = note.options.filter((o) => o.correct).length
      const ask = note.type === 'multiple' ? `<br><i>(Choose ${right}.)</i>` : ''
      const front = `${html(note.stem)}${ask}<br><br>${list(note.options.map((o, i) => `${letter(i)}. ${html(o.text)}`))}`
      const answers = note.options.flatMap((o, i) => (o.correct ? [`<b>${letter(i)}. ${html(o.text)}</b>`] : []))
      const why = note.options.map((o, i) => `${letter(i)}. ${o.correct ? '✓' : '✗'} ${html(o.why)}`)
      return [front, `${answers.join('<br>')}<br><br>${list(why)}`]
    }
    case 'ordering': {
      const shown = shuffledOrder(note.steps.length)
      const front = `${html(note.stem)}<br><i>(Put in order.)</i><br><br>${list(shown.map((s, i) => `${letter(i)}. ${html(note.steps[s]!)}`))}`
      const answer = list(note.steps.map((step, i) => `${i + 1}. ${html(step)}`))
      return [front, `${answer}<br><br>${html(note.explanation)}`]
    }
    case 'matching': {
      const shown = shuffledOrder(note.pairs.length)
      const prompts = note.pairs.map((p, i) => `${i + 1}. ${html(p.prompt)}`)
      const responses = shown.map((s, i) => `${letter(i)}. ${html(note.pairs[s]!.response)}`)
      const front = `${html(note.stem)}<br><i>(Match each item.)</i><br><br>${list(prompts)}<br><br>${list(responses)}`
      const answer = list(note.pairs.map((p, i) => `${i + 1}. ${html(p.prompt)} → ${html(p.response)}`))
      return [front, `${answer}<br><br>${html(note.explanation)}`]
    }
  }
}

/** A fixed order that is never the right one for n ≥ 2: every item moves half-way round. */
function shuffledOrder(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i + Math.ceil(n / 2)) % n)
}

/** The study day of a moment: its local calendar date once the day-start hour is taken off, as days since 1970. */
function studyDayNumber(at: number, dayStart: number): number {
  const local = new Date(at - dayStart)
  return Math.round(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS)
}

/** A stable Anki id (a number of epoch-milliseconds size) for a Recall id. */
function ankiIdOf(recallId: string): number {
  return 1_500_000_000_000 + (Number.parseInt(hashText(recallId), 36) % 100_000_000_000)
}

function uniqueNumber(id: number, taken: ReadonlySet<number>): number {
  while (taken.has(id) || id === DEFAULT_DECK_ID) id++
  return id
}

/** Anki's deck names are unique regardless of case. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`
  taken.add(candidate.toLowerCase())
  return candidate
}

function round(value: number, places: number): number {
  const f = 10 ** places
  return Math.round(value * f) / f
}
