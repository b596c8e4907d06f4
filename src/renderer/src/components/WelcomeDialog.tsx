import { Button } from '@components/Button'
import { Dialog } from '@components/Dialog'
import { ShortcutRow } from '@components/ShortcutSheet'
import { SHORTCUT_GROUPS } from '@components/shortcut-list'
import { DEFAULT_STUDY_OPTIONS } from '@core/model'
import { actions, useRecall } from '@store'
import { useRef } from 'react'

const DECKS = [
  { name: 'AIF-C01', what: 'AWS Certified AI Practitioner: one deck per domain of the exam guide.' },
  { name: 'MLA-C02', what: 'AWS Certified Machine Learning Engineer – Associate: one deck per domain of the exam guide.' },
  { name: 'AWS ML', what: 'service → purpose, pipeline stage → services, and chip → role.' }
]

const ESSENTIAL_KEYS = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.filter((s) => s.essential))

/** The deck list's first "Study …" button: where someone who chose to start wants to be. */
function firstDeckButton(): HTMLElement | null {
  return document.querySelector<HTMLElement>('main li button')
}

/** "Start studying": the first deck with something to study today opens, once the decks are counted. */
async function studyFirstDeck() {
  await actions().libraryLoaded()
  const decks = actions().library.decks
  const deck = decks.find(({ counts }) => counts.fresh + counts.learning + counts.review > 0) ?? decks[0]
  if (deck) await actions().startStudy(deck.id)
}

/** Shown once, on the very first start: what is here, how much a day, and the keys. */
export function WelcomeDialog() {
  const show = useRecall((s) => s.preferences.loaded && !s.preferences.welcomeSeen)
  const choice = useRef<'start' | 'skip'>('skip')
  if (!show) return null
  const close = (how: 'start' | 'skip') => {
    choice.current = how
    void actions().dismissWelcome()
    if (how === 'start') void studyFirstDeck()
  }
  const { newCardsPerDay, reviewsPerDay } = DEFAULT_STUDY_OPTIONS
  return (
    <Dialog
      title="Welcome to Recall"
      onClose={() => close('skip')}
      width="max-w-2xl"
      testId="welcome"
      returnFocus={() => (choice.current === 'start' ? firstDeckButton() : null)}
    >
      <div className="flex flex-col gap-4 text-slate-800 dark:text-slate-200">
        <p>Flashcards for the AWS machine-learning exams, scheduled so you review each fact just before you would forget it.</p>
        <section aria-labelledby="welcome-decks">
          <h3 id="welcome-decks" className="font-semibold">
            Decks for your exam are built in
          </h3>
          <ul className="mt-1 list-disc ps-5">
            {DECKS.map((deck) => (
              <li key={deck.name}>
                <strong>{deck.name}</strong> — {deck.what}
              </li>
            ))}
          </ul>
          <p className="mt-1">
            Facts, and questions shaped like the exam&apos;s (single answer, multiple response, ordering, matching, case study), each naming
            the exam task it serves and the AWS page it was checked against.
          </p>
        </section>
        <section aria-labelledby="welcome-limits">
          <h3 id="welcome-limits" className="font-semibold">
            A little every day
          </h3>
          <p className="mt-1">
            Each deck gives you up to {newCardsPerDay} new cards and {reviewsPerDay} reviews a day. Change that in the deck&apos;s options:
            the <span aria-hidden="true">⚙</span> button beside it.
          </p>
        </section>
        <section aria-labelledby="welcome-keys">
          <h3 id="welcome-keys" className="font-semibold">
            Keys while studying
          </h3>
          <dl className="mt-2 grid gap-x-6 gap-y-1.5 text-sm md:grid-cols-2">
            {ESSENTIAL_KEYS.map((shortcut) => (
              <ShortcutRow key={shortcut.does} shortcut={shortcut} />
            ))}
          </dl>
        </section>
      </div>
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        <Button onClick={() => close('skip')}>Skip</Button>
        <Button tone="primary" data-autofocus onClick={() => close('start')}>
          Start studying
        </Button>
      </div>
    </Dialog>
  )
}
