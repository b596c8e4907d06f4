import { DeckSelect } from '@components/DeckSelect'
import { BUILT_IN_ADD_RULE } from '@components/BuiltInDeckRule'
import { Button } from '@components/Button'
import { CardForm } from '@components/CardForm'
import { inputClass } from '@components/FormField'
import { NewDeckDialog } from '@screens/add/NewDeckDialog'
import { actions, useRecall } from '@store'
import { useEffect, useRef, useState } from 'react'

/**
 * Anki's Add window: pick one of your decks, write the card, Ctrl+Enter adds it and clears the
 * text for the next one, keeping the deck, the tags and the reverse option.
 */
export function AddScreen() {
  const { decks, deckId, draft, saving, message } = useRecall((s) => s.authoring)
  const [naming, setNaming] = useState(false)
  const front = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (!naming) front.current?.focus()
  }, [naming, deckId])

  const add = async () => {
    if (await actions().addDraft()) front.current?.focus()
  }

  return (
    <main
      className="flex flex-col gap-5"
      aria-labelledby="add-title"
      onKeyDown={(e) => {
        // The form handles Ctrl+Enter in its fields; this catches it on the deck and reverse controls.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented && !naming) {
          e.preventDefault()
          void add()
        }
      }}
    >
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="add-title" className="text-2xl font-bold">
          Add cards
        </h1>
        <Button onClick={() => void actions().openBrowse()}>Browse cards</Button>
      </header>

      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="add-deck">Deck</label>
          <DeckSelect
            id="add-deck"
            decks={decks}
            value={deckId}
            onChoose={(id) => actions().chooseAddDeck(id)}
            disabled={decks.length === 0}
            empty="No decks of your own yet"
            className="min-w-64 font-normal"
          />
        </div>
        <Button onClick={() => setNaming(true)}>New deck…</Button>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="add-type">Note type</label>
          <select
            id="add-type"
            value={draft.cloze ? 'cloze' : 'basic'}
            onChange={(e) => actions().editDraft({ cloze: e.target.value === 'cloze' })}
            className={`${inputClass} font-normal`}
          >
            <option value="basic">Basic: front and back</option>
            <option value="cloze">Cloze: hide parts of a text, a card for each</option>
          </select>
        </div>
        <p className="basis-full text-xs text-slate-600 dark:text-slate-400">{BUILT_IN_ADD_RULE}</p>
      </div>

      <CardForm
        idPrefix="add"
        value={draft}
        onChange={(patch) => actions().editDraft(patch)}
        onSubmit={() => void add()}
        frontRef={front}
        cloze={draft.cloze}
      />

      <label className={`flex items-center gap-2 text-sm ${draft.cloze ? 'hidden' : ''}`}>
        <input
          type="checkbox"
          checked={draft.reverse}
          onChange={(e) => actions().editDraft({ reverse: e.target.checked })}
          className="size-4 accent-blue-600 focus-visible:outline-2 focus-visible:outline-blue-500"
        />
        Reverse card too: also study it back → front, scheduled on its own
      </label>

      <div className="flex items-center gap-4">
        <Button tone="primary" disabled={saving} onClick={() => void add()}>
          Add <kbd className="ms-1 text-xs">Ctrl+Enter</kbd>
        </Button>
        <p
          role="status"
          className={`text-sm ${message?.tone === 'problem' ? 'text-red-700 dark:text-red-300' : 'text-green-800 dark:text-green-300'}`}
        >
          {message?.text}
        </p>
      </div>
      {naming && <NewDeckDialog onClose={() => setNaming(false)} />}
    </main>
  )
}
