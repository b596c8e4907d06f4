import { DeckNameField } from '@screens/import/DeckNameField'
import { createRecallStore } from '@store'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { fakePlatform } from '../../helpers/fake-platform'
import { freshDatabase } from '../../helpers/fixtures'

const file = (name: string, text: string) => ({
  name,
  size: new TextEncoder().encode(text).length,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer
})

async function setup() {
  const db = freshDatabase()
  const store = createRecallStore({ db, platform: fakePlatform({ decks: [], problems: [] }), now: () => Date.UTC(2026, 8, 1) })
  await store.getState().loadLibrary()
  return { db, state: () => store.getState() }
}

const CSV = 'S3,Object storage\nGlue,ETL\n'

describe('the deck name in the import preview', () => {
  it('starts as the file’s name, refuses an empty one, and names the deck as typed; the same file later keeps that name', async () => {
    const { db, state } = await setup()
    await state().startImport(file('aws-basics.csv', CSV))
    expect(state().importer?.plan).toMatchObject({ deckId: 'aws-basics', name: 'aws-basics', existing: false })

    state().setImportName('   ')
    expect(state().importer?.nameProblem).toBe('The deck needs a name.')
    expect(await state().confirmImport()).toBe('The deck needs a name.')
    expect(state().importer?.status).toBe('preview')
    expect(await db.decks.count()).toBe(0)

    state().setImportName('  AWS storage and ETL ')
    expect(state().importer?.nameProblem).toBeUndefined()
    expect(await state().confirmImport()).toBeUndefined()
    expect(state().importer?.message).toMatch(/^Imported “AWS storage and ETL”: 2 notes added/)
    expect(state().library.decks.map((d) => [d.id, d.name])).toEqual([['aws-basics', 'AWS storage and ETL']])

    // Importing a newer version of the file updates that deck under the name it was given.
    await state().startImport(file('aws-basics.csv', `${CSV}Athena,SQL on S3\n`))
    expect(state().importer?.plan).toMatchObject({ deckId: 'aws-basics', name: 'AWS storage and ETL', existing: true, added: 1 })
    await state().confirmImport()
    expect((await db.decks.get('aws-basics'))?.name).toBe('AWS storage and ETL')
  })

  it('does not take another deck’s name, and starts a clashing file’s name with a number', async () => {
    const { db, state } = await setup()
    await state().startImport(file('first.md', '---\nname: Networking\n---\n\n- **VPC:** a private network\n'))
    await state().confirmImport()
    await state().startImport(file('second.md', '---\nname: Networking\n---\n\n- **Subnet:** a range of addresses\n'))
    expect(state().importer?.plan).toMatchObject({ deckId: 'second', name: 'Networking (2)' })

    state().setImportName('networking')
    expect(state().importer?.nameProblem).toBe('There is already a deck called “Networking”.')
    state().setImportName('Subnets')
    await state().confirmImport()
    expect((await db.decks.toArray()).map((d) => d.name).sort()).toEqual(['Networking', 'Subnets'])
  })

  it('is a labelled text field that says what is wrong with the name', () => {
    const html = renderToStaticMarkup(
      createElement(DeckNameField, { value: '', problem: 'The deck needs a name.', inputRef: null, onConfirm: () => {} })
    )
    expect(html).toMatch(/<label for="import-deck-name"[^>]*>Deck name<\/label><input id="import-deck-name"/)
    expect(html).toContain('aria-invalid="true"')
    expect(html).toContain('aria-describedby="import-deck-name-error"')
    expect(html).toMatch(/id="import-deck-name-error" role="alert"[^>]*>The deck needs a name\.</)
  })
})
