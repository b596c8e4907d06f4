import { DEFAULT_PRESET_ID } from '@core/model'
import { RecallDatabase } from '@db/database'
import { deckWithPreset, migrateRows, SCHEMA_HISTORY, tablesAddedIn, versionsMigratingRows } from '@db/schema-history'
import { describe, expect, it } from 'vitest'

/** Dexie's own record of database.ts's declarations (internal, but the only source of truth to hold the history against). */
type DeclaredVersion = { _cfg: { version: number; storesSource: Record<string, string | null> | null; contentUpgrade: unknown } }
const declared = () =>
  [...(new RecallDatabase('schema-history') as unknown as { _versions: DeclaredVersion[] })._versions].sort(
    (a, b) => a._cfg.version - b._cfg.version
  )

describe('the schema history', () => {
  it('lists every version database.ts declares, with the tables each one created', () => {
    const seen = new Set<string>()
    const created: Record<number, string[]> = {}
    for (const { _cfg } of declared()) {
      created[_cfg.version] = Object.keys(_cfg.storesSource ?? {}).filter((t) => _cfg.storesSource![t] !== null && !seen.has(t))
      for (const t of created[_cfg.version]!) seen.add(t)
    }
    expect(Object.fromEntries(Object.entries(SCHEMA_HISTORY).map(([v, change]) => [v, [...change.addsTables].sort()]))).toEqual(
      Object.fromEntries(Object.entries(created).map(([v, tables]) => [v, tables.sort()]))
    )
    expect(Object.keys(tablesAddedIn()).sort()).toEqual(new RecallDatabase('schema-history').tables.map((t) => t.name).sort())
  })

  it('gives Dexie an upgrade step exactly for the versions that change rows, build a table from them or reset a cache', () => {
    expect(versionsMigratingRows()).toEqual([2, 5, 8])
    expect(
      declared()
        .filter((v) => v._cfg.contentUpgrade)
        .map((v) => v._cfg.version)
    ).toEqual(versionsMigratingRows())
  })
})

describe('row migrations', () => {
  it('gives a deck from before presets the default one, and keeps a chosen preset', () => {
    const old = { id: 'a', name: 'A' }
    expect(deckWithPreset(old)).toEqual({ id: 'a', name: 'A', presetId: DEFAULT_PRESET_ID })
    expect(old).toEqual({ id: 'a', name: 'A' })
    const chosen = { id: 'b', presetId: 'exam-cram' }
    expect(deckWithPreset(chosen)).toBe(chosen)
  })

  it('brings rows up from the version they were read at, leaving the input as it was', () => {
    const tables = { decks: [{ id: 'a' }, { id: 'b', presetId: 'slow' }], cards: [{ id: 'a/1', deckId: 'a' }] }
    const copy = structuredClone(tables)
    expect(migrateRows(tables, 1, 4)).toEqual({
      decks: [
        { id: 'a', presetId: DEFAULT_PRESET_ID },
        { id: 'b', presetId: 'slow' }
      ],
      cards: [{ id: 'a/1', deckId: 'a' }]
    })
    expect(tables).toEqual(copy)
    // From version 2 on, the v2 step has already run: a deck without a preset stays as it is.
    expect(migrateRows(tables, 2, 4)).toEqual(tables)
    expect(migrateRows(tables, 1, 1)).toEqual(tables)
  })
})
