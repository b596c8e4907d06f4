/**
 * A fade over the bottom edge of a card that scrolls inside, shown while more of it is below
 * (styles.css, `more-below`). The last child of the scrolling box; `inset` cancels the box's
 * padding (negative margins and bottom), so that the fade spans the card from edge to edge.
 */
export function MoreBelow({ inset }: { inset: string }) {
  return (
    <div
      aria-hidden="true"
      className={`more-below pointer-events-none sticky -mt-12 h-12 shrink-0 bg-linear-to-t from-white to-transparent dark:from-slate-800 ${inset}`}
    />
  )
}
