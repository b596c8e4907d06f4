import { CardText } from '@components/CardText'

/** An option's key letter and text, as every list of options shows them. */
export function OptionFace({ letter, text }: { letter: string | undefined; text: string }) {
  return (
    <>
      <kbd className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded bg-slate-200 text-sm font-semibold dark:bg-slate-700">
        {letter}
      </kbd>
      <span className="min-w-0 flex-1" data-testid="option-text">
        <CardText text={text} />
      </span>
    </>
  )
}
