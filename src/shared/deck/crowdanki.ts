import { acceptAnkiNote, legacyModel, mapModel, type AnkiModel, type ModelMapping } from '@shared/deck/anki-models'
import { conflictMarkers, jsonTooDeep } from '@shared/deck/file-kind'
import { deckIdFor, fileStem, finishImport, toTags, type AcceptedCard } from '@shared/deck/foreign-cards'
import type { DeckProblem, ImportResult } from '@shared/deck/problems'
import type { Deck, NoteType } from '@shared/deck/schema'
import { normaliseText } from '@shared/deck/text-lines'
import { mapNoteTexts } from '@shared/media/deck-media'
import { renameMediaRefs } from '@shared/media/media-refs'

/**
 * CrowdAnki decks (`deck.json`, the add-on's export for sharing decks in git) → deck. The file is
 * the deck as a tree: `{ "__type__": "Deck", name, note_models, notes, children, media_files }`.
 * Note types (`note_models`: `flds`, `tmpls` with `qfmt`/`afmt`, `type` 1 for cloze, keyed by
 * `crowdanki_uuid`) are read as in a package (anki-models.ts), so each note's fields go where its
 * note type's templates put them. Child decks come into the one deck; a note of a child deck is
 * tagged with its deck's full name (`Parent::Child`), as Anki names it. The media files sit in the
 * `media/` folder beside `deck.json`: the notes name them by that path, so that reading the deck
 * from its folder (the command line) brings them along.
 */

const MAX_CHILD_DEPTH = 50

interface CrowdDeck {
  name?: unknown
  notes?: unknown
  children?: unknown
  note_models?: unknown
  media_files?: unknown
}

/** Whether JSON text is a CrowdAnki deck: a `Deck` object with note models or notes. */
export function isCrowdAnki(text: string): boolean {
  const head = text.slice(0, 4096)
  return /"__type__"\s*:\s*"Deck"/.test(head) && /"(?:note_models|notes)"\s*:/.test(text)
}

export function parseCrowdAnkiDeck(rawText: string, file: string, options: { maxCards?: number } = {}): ImportResult<Deck> {
  const text = normaliseText(rawText)
  const refused = conflictMarkers(text) ?? jsonTooDeep(text)
  if (refused) return { problems: [{ file, ...refused }] }
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch (error) {
    return {
      problems: [{ file, message: `invalid JSON in the CrowdAnki deck (${error instanceof Error ? error.message : String(error)})` }]
    }
  }
  if (!isObject(root)) return { problems: [{ file, message: 'not a CrowdAnki deck: the file holds no deck object' }] }
  const problems: DeckProblem[] = []
  const rootName = typeof root.name === 'string' && root.name.trim() ? root.name.trim() : fileStem(file)

  // Note types may sit on any deck of the tree; the first of each uuid wins.
  const mappings = new Map<string, ModelMapping>()
  const decks = flatten(root, rootName, problems, file)
  for (const { deck } of decks)
    for (const raw of Array.isArray(deck.note_models) ? deck.note_models : []) {
      const key = isObject(raw) && typeof raw.crowdanki_uuid === 'string' ? raw.crowdanki_uuid : undefined
      if (!key || mappings.has(key)) continue
      const model: AnkiModel | undefined = legacyModel(key, { ...raw, id: key })
      if (model && model.fields.length > 0 && model.templates.length > 0) mappings.set(key, mapModel(model))
    }

  const total = decks.reduce((n, d) => n + (Array.isArray(d.deck.notes) ? d.deck.notes.length : 0), 0)
  if (options.maxCards !== undefined && total > options.maxCards)
    return { problems: [{ file, message: `the deck has more than ${options.maxCards} notes; split it into smaller decks` }] }

  const accepted: AcceptedCard[] = []
  const usedTypes = new Map<string, NoteType>()
  let position = 0
  for (const { deck, path } of decks) {
    for (const raw of Array.isArray(deck.notes) ? deck.notes : []) {
      position++
      if (!isObject(raw) || !Array.isArray(raw.fields)) {
        problems.push({ file, note: position, message: 'this note has no list of fields; it was skipped' })
        continue
      }
      const modelKey = typeof raw.note_model_uuid === 'string' ? raw.note_model_uuid : ''
      const mapping = mappings.get(modelKey)
      if (!mapping && modelKey)
        problems.push({
          file,
          note: position,
          message: `its note type (${modelKey}) is not in the deck; its first field was taken as the front, its second as the back`
        })
      const tags = Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : []
      const note = acceptAnkiNote(
        {
          guid: typeof raw.guid === 'string' ? raw.guid : '',
          fields: raw.fields.map((f) => (typeof f === 'string' ? f : f == null ? '' : String(f))),
          tags: toTags(path === rootName ? tags : [...tags, path])
        },
        mapping,
        { note: position },
        file,
        problems
      )
      if (!note) continue
      accepted.push(note)
      if (mapping?.kind === 'fields') usedTypes.set(mapping.type.id, mapping.type)
    }
  }
  const name = rootName.slice(0, 200)
  const noteTypes = [...usedTypes.values()]
  const result = finishImport({ id: deckIdFor(name, file), name, ...(noteTypes.length ? { noteTypes } : {}) }, accepted, problems, file)
  // The media files sit in `media/` beside deck.json: named so, a reader of the folder finds them
  // (import-file.ts `readBeside`, which names each by its own file name again).
  const inFolder = new Map<string, string>()
  for (const { deck } of decks)
    for (const media of Array.isArray(deck.media_files) ? deck.media_files : [])
      if (typeof media === 'string' && media && !media.includes('/')) inFolder.set(media, `media/${media}`)
  if (!result.deck || inFolder.size === 0) return result
  return { ...result, deck: { ...result.deck, notes: result.deck.notes.map((n) => mapNoteTexts(n, (t) => renameMediaRefs(t, inFolder))) } }
}

/** The deck and its children, depth first, each with its full name (`Parent::Child`). */
function flatten(root: CrowdDeck, rootName: string, problems: DeckProblem[], file: string): Array<{ deck: CrowdDeck; path: string }> {
  const out: Array<{ deck: CrowdDeck; path: string }> = []
  const stack: Array<{ deck: CrowdDeck; path: string; depth: number }> = [{ deck: root, path: rootName, depth: 0 }]
  let tooDeep = false
  while (stack.length > 0) {
    const { deck, path, depth } = stack.pop()!
    out.push({ deck, path })
    const children = (Array.isArray(deck.children) ? deck.children : []).filter(isObject) as CrowdDeck[]
    if (depth >= MAX_CHILD_DEPTH) {
      tooDeep ||= children.length > 0
      continue
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!
      const own = typeof child.name === 'string' && child.name.trim() ? child.name.trim() : `Deck ${i + 1}`
      // CrowdAnki writes a child's own name; older exports wrote the full one.
      const full = own.startsWith(`${path}::`) ? own : `${path}::${own}`
      stack.push({ deck: child, path: full, depth: depth + 1 })
    }
  }
  if (tooDeep) problems.push({ file, message: `decks nested more than ${MAX_CHILD_DEPTH} levels deep were left out` })
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}
