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
    'término',
    'palabra',
    'wort',
    'mot',
    'domanda',
    'parola',
    'pergunta',
    'frente',
    'vraag',
    'voorkant'
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
    'definición',
    'translation',
    'übersetzung',
    'bedeutung',
    'traduction',
    'signification',
    'traducción',
    'significado',
    'risposta',
    'traduzione',
    'resposta',
    'tradução',
    'antwoord',
    'achterkant',
    'vertaling'
  ].map((l) => [l, 'back'] as const),
  ...['topic', 'category', 'domain'].map((l) => [l, 'topic'] as const),
  ...[
    'extra',
    'back extra',
    'notes',
    'note',
    'hint',
    'explanation',
    'example',
    'beispiel',
    'notizen',
    'exemple',
    'ejemplo',
    'notas',
    'esempio',
    'voorbeeld'
  ].map((l) => [l, 'extra'] as const),
  ['tags', 'tags'],
  ['tag', 'tags'],
  ['guid', 'guid'],
  ['id', 'id'],
  ['deck', 'deck'],
  ['notetype', 'notetype'],
  ['note type', 'notetype'],
  ['reverse', 'reverse']
])

/** A row of column names: it names a front and a back, and nothing it holds is not a known name. */
export function isHeaderRow(fields: string[]): boolean {
  const roles = fields.map((f) => ROLES.get(f.trim().toLowerCase()))
  return roles.includes('front') && roles.includes('back') && fields.every((f, i) => !f.trim() || roles[i])
}

/**
 * The person's choice of front and back first, then columns the file's header lines place (tags,
 * deck…), then named columns; then the first free columns are front and back and the rest extra.
 */
export function assignColumns(labels: string[], width: number, meta: Columns, chosen: { front?: number; back?: number } = {}): Columns {
  const columns: Columns = { ...meta, extra: [] }
  const taken = new Set(Object.values(meta).filter((v): v is number => typeof v === 'number'))
  for (const role of ['front', 'back'] as const) {
    const i = chosen[role]
    if (i === undefined || i < 0 || taken.has(i)) continue
    columns[role] = i
    taken.add(i)
  }
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
