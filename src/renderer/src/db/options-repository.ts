import { type DeckRecord, DEFAULT_PRESET_ID, DEFAULT_STUDY_OPTIONS, type Preset, type Settings, type StudyOptions } from '@core/model'
import { createScheduler, type Scheduler } from '@core/scheduling/scheduler'
import { DEFAULT_DAY_STARTS_AT_HOUR } from '@core/time/study-day'
import type { RecallDatabase } from '@db/database'

const DEFAULT_PRESET: Preset = { id: DEFAULT_PRESET_ID, name: 'Default', options: DEFAULT_STUDY_OPTIONS }
const DEFAULT_SETTINGS: Settings = {
  dayStartsAtHour: DEFAULT_DAY_STARTS_AT_HOUR,
  theme: 'system',
  welcomeSeen: false,
  reminderEnabled: false,
  reminderTime: '18:00'
}

export async function listPresets(db: RecallDatabase): Promise<Preset[]> {
  const stored = await db.presets.toArray()
  const withDefault = stored.some((p) => p.id === DEFAULT_PRESET_ID) ? stored : [DEFAULT_PRESET, ...stored]
  // A preset saved by an older version may lack newer options: fill them from the defaults.
  return withDefault.map((p) => ({ ...p, options: { ...DEFAULT_STUDY_OPTIONS, ...p.options } }))
}

/** The options a deck is studied with (the default preset when it has none or it was deleted). */
export async function optionsForDeck(db: RecallDatabase, deckId: string): Promise<StudyOptions> {
  const deck = await db.decks.get(deckId)
  return optionsOfPreset(await db.presets.get(deck?.presetId ?? DEFAULT_PRESET_ID))
}

/** The deck's scheduler: its options, on the study days of the user's "next day starts at" hour. */
export async function schedulerForDeck(db: RecallDatabase, deckId: string): Promise<Scheduler> {
  const [options, settings] = await Promise.all([optionsForDeck(db, deckId), getSettings(db)])
  return createScheduler(options, settings.dayStartsAtHour)
}

/** Each deck's options, from presets read once (the deck list reads every deck's). */
export async function optionsOfDecks(db: RecallDatabase, decks: readonly DeckRecord[]): Promise<Map<string, StudyOptions>> {
  const presets = new Map((await db.presets.toArray()).map((p) => [p.id, p]))
  return new Map(decks.map((d) => [d.id, optionsOfPreset(presets.get(d.presetId ?? DEFAULT_PRESET_ID))]))
}

function optionsOfPreset(preset: Preset | undefined): StudyOptions {
  return { ...DEFAULT_STUDY_OPTIONS, ...(preset ?? DEFAULT_PRESET).options }
}

export async function presetIdOfDeck(db: RecallDatabase, deckId: string): Promise<string> {
  return (await db.decks.get(deckId))?.presetId ?? DEFAULT_PRESET_ID
}

/** Saves a preset and points a deck at it, in one transaction. */
export async function savePresetForDeck(db: RecallDatabase, deckId: string, preset: Preset): Promise<void> {
  await db.transaction('rw', db.presets, db.decks, async () => {
    await db.presets.put(preset)
    await db.decks.update(deckId, { presetId: preset.id })
  })
}

export async function getSettings(db: RecallDatabase): Promise<Settings> {
  const rows = await db.settings.toArray()
  const settings: Settings = { ...DEFAULT_SETTINGS }
  for (const row of rows) (settings as unknown as Record<string, unknown>)[row.key] = row.value
  return settings
}

export async function saveSetting<K extends keyof Settings>(db: RecallDatabase, key: K, value: Settings[K]): Promise<void> {
  await db.settings.put({ key, value })
}
