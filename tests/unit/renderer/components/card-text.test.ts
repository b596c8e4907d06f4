import { cardTextElements, prepareCardText } from '@components/CardText'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

describe('card text parsed once and kept', () => {
  it('renders the same safe Markdown from a kept parse as from a fresh one', () => {
    const text = 'Use **SageMaker Clarify** for [bias](javascript:alert(1)) reports <script>alert(1)</script>'
    const first = renderToStaticMarkup(cardTextElements(text))
    expect(first).toBe(
      '<p>Use <strong>SageMaker Clarify</strong> for <span class="underline decoration-dotted">bias</span> reports &lt;script&gt;alert(1)&lt;/script&gt;</p>'
    )
    expect(cardTextElements(text)).toBe(cardTextElements(text))
    expect(renderToStaticMarkup(cardTextElements(text))).toBe(first)
  })

  it('keeps a text prepared ahead of time until it is shown', () => {
    const next = 'Which chip serves **inference** at low cost?'
    prepareCardText(next)
    const kept = cardTextElements(next)
    expect(renderToStaticMarkup(kept)).toBe('<p>Which chip serves <strong>inference</strong> at low cost?</p>')
    expect(cardTextElements(next)).toBe(kept)
  })

  it('forgets the least recently shown texts, so a long session does not grow memory', () => {
    const old = 'Question kept at first'
    const recent = 'Question shown again'
    const recentParse = cardTextElements(recent) // parsed first, but shown again below
    const oldParse = cardTextElements(old)
    for (let i = 0; i < 63; i++) {
      cardTextElements(`Filler question ${i}`)
      if (i === 30) cardTextElements(recent) // shown again: moves to the back
    }
    expect(cardTextElements(recent)).toBe(recentParse)
    expect(cardTextElements(old)).not.toBe(oldParse)
    expect(renderToStaticMarkup(cardTextElements(old))).toBe('<p>Question kept at first</p>')
  })
})
