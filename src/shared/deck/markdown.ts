import { finishDeck, type LocatedNote } from '@shared/deck/finish-deck'
import { isTrue, readFrontMatter } from '@shared/deck/front-matter'
import { cardIdFromFront, slugify } from '@shared/deck/ids'
import { clozePlain } from '@shared/deck/cloze'
import { readBlock, takeBlockId, type BasicDraft } from '@shared/deck/markdown-blocks'
import { isClozeBlock, readClozeBlock, type ClozeDraft } from '@shared/deck/markdown-cloze'
import {
  mergeDirectives,
  readReference,
  resolveSources,
  type DirectiveContext,
  type Directives,
  type ReferenceTable
} from '@shared/deck/markdown-directives'
import { FENCE_END, QUESTION_FENCE, readQuestionBlock, type Line, type QuestionDraft } from '@shared/deck/markdown-questions'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Deck, Note } from '@shared/deck/schema'
import { normaliseText } from '@shared/deck/text-lines'

/**
 * Markdown study notes → deck (the syntax: docs/writing-notes.md).
 *
 * Front/back notes are read from definition bullets, `Q:`/`A:` pairs, `front::back` lines,
 * `?`/`??` blocks and tables (markdown-blocks.ts); exam-style questions from `::: type ^id` blocks
 * (markdown-questions.ts); cloze notes from paragraphs with `{{c1::…}}` deletions or `==highlights==`
 * (markdown-cloze.ts). Headings above a note become its tags; `@` lines under a heading set
 * the task statements, sources and kind of the notes of that section; reference lines
 * `[key]: https://… "Title"` are the sources `@source` names. Directions follow Obsidian's
 * spaced-repetition plugin: questions (`Q:`, `::`, `?`) are one-way, `:::` and `??` both ways;
 * term → definition notes (bullets, rows) follow the front matter's `reverse`.
 */
export function parseMarkdownDeck(rawText: string, file: string): ImportResult<Deck> {
  const lines = normaliseText(rawText).split('\n')
  const front = readFrontMatter(lines)
  const ctx: DirectiveContext = { file, ...(front.fields.exam ? { exam: front.fields.exam.trim() } : {}), problems: [] }
  const refs: ReferenceTable = { byKey: new Map(), used: new Set() }
  const checked = front.fields.checked?.trim()
  const notes: LocatedNote[] = []
  const headings: string[] = []
  const sections: Directives[] = []
  let blocksSinceHeading = 0

  const tags = () =>
    headings
      .filter(Boolean)
      .map((h) => slugify(h))
      .filter(Boolean)
  const inherited = () => sections.reduce<Directives>((all, d) => mergeDirectives(all, d ?? {}), {})
  // The draft is checked against the deck schema by finishDeck; here it only gains its directives.
  const finish = (draft: { type: Note['type']; id: string } & Record<string, unknown>, directives: Directives, line: number) => {
    const sources = resolveSources(directives.source, refs, checked, ctx)
    const note = {
      ...draft,
      ...(directives.tasks?.length ? { tasks: directives.tasks } : {}),
      ...(sources.length ? { sources } : {}),
      ...(directives.kind ? { kind: directives.kind } : {}),
      ...(directives.confusable?.length ? { confusable: directives.confusable } : {})
    } as Note
    notes.push({ note, line })
  }

  // Reference lines first: a note may cite a source defined further down.
  const body: Line[] = []
  let inCode = false
  for (let i = front.lineCount; i < lines.length; i++) {
    const text = lines[i] ?? ''
    if (/^\s*(```|~~~)/.test(text)) inCode = !inCode
    const ref = inCode ? undefined : readReference(text)
    if (ref) {
      if (refs.byKey.has(ref.key)) ctx.problems.push({ file, line: i + 1, message: `the reference [${ref.key}] is defined twice` })
      refs.byKey.set(ref.key, { url: ref.url, title: ref.title, line: i + 1 })
      body.push({ text: '', line: i + 1 })
    } else body.push({ text, line: i + 1 })
  }

  let block: Line[] = []
  const flush = () => {
    if (block.length === 0) return
    const section = inherited()
    // Read as front/back notes first, with problems kept aside: a block that is a cloze reports none of them.
    const probe = { ...ctx, problems: [] as DeckProblem[] }
    const basic = readBlock(block, probe)
    const clozes = isClozeBlock(block, basic.notes.length > 0) ? readClozeBlock(block, ctx) : undefined
    if (!clozes) ctx.problems.push(...probe.problems)
    const read = clozes ?? basic
    // Directives that open the first paragraph under a heading are that section's.
    if (blocksSinceHeading === 0 && headings.length > 0)
      sections[headings.length - 1] = mergeDirectives(sections[headings.length - 1] ?? {}, read.shared)
    const shared = blocksSinceHeading === 0 && headings.length > 0 ? inherited() : mergeDirectives(section, read.shared)
    if (clozes) for (const draft of clozes.notes) addCloze(draft, shared)
    else for (const draft of basic.notes) addBasic(draft, shared, front.fields.reverse)
    blocksSinceHeading++
    block = []
  }
  const addBasic = (draft: BasicDraft, shared: Directives, defaultReverse: string | undefined) => {
    if (!draft.back)
      return ctx.problems.push({ file, line: draft.line, message: `the card "${takeBlockId(draft.front).text}" has no answer` })
    const directives = mergeDirectives(shared, draft.directives)
    const { text: frontText, id } = takeBlockId(draft.front)
    const reverse = directives.reverse ?? draft.reverse ?? isTrue(defaultReverse)
    finish(
      {
        type: 'basic',
        id: id ?? cardIdFromFront(frontText),
        front: frontText,
        back: draft.back,
        tags: tags(),
        ...(reverse ? { reverse: true } : {})
      },
      directives,
      draft.line
    )
  }
  const addCloze = (draft: ClozeDraft, directives: Directives) => {
    const { text, id } = takeBlockId(draft.text)
    finish({ type: 'cloze', id: id ?? cardIdFromFront(clozePlain(text)), text, tags: tags() }, directives, draft.line)
  }
  const addQuestion = (draft: QuestionDraft, line: number) => {
    const directives = mergeDirectives(inherited(), draft.directives)
    const text = [draft.fields.stem, draft.fields.scenario].find((t): t is string => typeof t === 'string') ?? ''
    const id = draft.id ?? cardIdFromFront(text || `${draft.type}-${line}`)
    finish({ type: draft.type, id, ...draft.fields, ...(directives.case ? { case: directives.case } : {}), tags: tags() }, directives, line)
    blocksSinceHeading++
  }

  inCode = false
  for (let i = 0; i < body.length; i++) {
    const { text, line } = body[i]!
    if (/^\s*(```|~~~)/.test(text)) inCode = !inCode
    const fence = inCode ? null : QUESTION_FENCE.exec(text)
    if (fence) {
      flush()
      const inner: Line[] = []
      let j = i + 1
      while (j < body.length && !FENCE_END.test(body[j]!.text)) inner.push(body[j++]!)
      if (j >= body.length) ctx.problems.push({ file, line, message: `the ::: ${fence[1]} block is never closed with a line ":::"` })
      addQuestion(readQuestionBlock(fence[1]!.toLowerCase() as QuestionDraft['type'], fence[2]?.toLowerCase(), inner, line, ctx), line)
      i = j
      continue
    }
    const heading = inCode ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(text)
    if (heading) {
      flush()
      const level = heading[1]!.length
      headings.length = level - 1
      headings[level - 1] = heading[2]!
      sections.length = level - 1
      sections[level - 1] = {}
      blocksSinceHeading = 0
    } else if (!inCode && text.trim() === '') {
      flush()
    } else {
      block.push({ text, line })
    }
  }
  flush()

  for (const [key, ref] of refs.byKey)
    if (!refs.used.has(key)) ctx.problems.push({ file, line: ref.line, message: `the reference [${key}] is not cited by any note` })
  const problems: DeckProblem[] = ctx.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  const fileStem = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '')
  return finishDeck(
    {
      id: front.fields.id ?? (slugify(fileStem) || 'notes'),
      name: front.fields.name ?? fileStem,
      ...(front.fields.description ? { description: front.fields.description } : {})
    },
    notes,
    problems,
    file
  )
}
