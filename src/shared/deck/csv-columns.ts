/** Which column of a text file holds what: named by a header row (in several languages) or by position. */

export type Role = 'front' | 'back' | 'tags' | 'topic' | 'extra' | 'guid' | 'id' | 'deck' | 'notetype' | 'reverse'
export type Columns = { [R in Exclude<Role, 'extra'>]?: number } & { extra: number[] }

export const ROLES = new Map<string, Role>([
  // English, and the labels Anki and spreadsheets use in German, French and Spanish.
  ...[
    'front',
    'question',
    'term',
    'prompt',
    'q',
    'word',
    'text',
    'front side',
    'side 1',
    'vorderseite',
    'frage',
    'begriff',
    'recto',
    'terme',
    'anverso',
    'pregunta',
    'término'
  ].map((l) => [l, 'front'] as const),
  ...[
    'back',
    'answer',
    'definition',
    'response',
    'a',
    'meaning',
    'back side',
    'side 2',
    'rückseite',
    'antwort',
    'verso',
    'réponse',
    'définition',
    'reverso',
    'respuesta',
    'definición'
  ].map((l) => [l, 'back'] as const),
  ...['topic', 'category', 'domain'].map((l) => [l, 'topic'] as const),
  ...['extra', 'back extra', 'notes', 'note', 'hint', 'explanation', 'example'].map((l) => [l, 'extra'] as const),
  ['tags', 'tags'],
  ['tag', 'tags'],
  ['guid', 'guid'],
  ['id', 'id'],
  ['deck', 'deck'],
  ['notetype', 'notetype'],
  ['note type', 'notetype'],
  ['reverse', 'reverse']
])

export function isHeaderRow(fields: string[]): boolean {
  const roles = fields.map((f) => ROLES.get(f.trim().toLowerCase()))
  return roles.includes('front') && roles.includes('back') && fields.every((f, i) => !f.trim() || roles[i])
}

/** Named columns first; then the first free columns are front and back and the rest extra. */
export function assignColumns(labels: string[], width: number, meta: Columns): Columns {
  const columns: Columns = { ...meta, extra: [] }
  const taken = new Set(Object.values(meta).filter((v): v is number => typeof v === 'number'))
  labels.forEach((label, i) => {
    const role = ROLES.get(label.trim().toLowerCase())
    if (!role || role === 'extra' || taken.has(i) || columns[role] !== undefined) return
    columns[role] = i
    taken.add(i)
  })
  for (let i = 0; i < Math.max(width, labels.length, 2); i++) {
    if (taken.has(i)) continue
    if (columns.front === undefined) columns.front = i
    else if (columns.back === undefined) columns.back = i
    else columns.extra.push(i)
  }
  return columns
}
