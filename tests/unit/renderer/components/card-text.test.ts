import { cardTextElements, loadCardText, loadCardTextRenderers, prepareCardText } from '@components/CardText'
import { renderToStaticMarkup } from 'react-dom/server'
import { XSS_PAYLOADS } from '../../../fixtures/xss/payloads'
import { beforeAll, describe, expect, it } from 'vitest'

// The app fetches the Markdown pipeline after its first card (main.tsx, CardText.tsx); here,
// before any test. Plain text is drawn without it, Markdown waits for it.
beforeAll(async () => {
  expect(renderToStaticMarkup(cardTextElements('plain text before the pipeline is in'))).toBe('<p>plain text before the pipeline is in</p>')
  expect(cardTextElements('**Markdown** before the pipeline is in')).toBeNull()
  expect(await loadCardText()).not.toBeNull()
})

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

describe('formulas and code in card text', () => {
  /** The markup once the formula and code renderers, loaded on first need, are in. */
  async function rendered(text: string): Promise<string> {
    await loadCardTextRenderers()
    return renderToStaticMarkup(cardTextElements(text))
  }

  it('renders $…$, $$…$$ and Anki’s \\(…\\) and \\[…\\] with KaTeX, and leaves prices as text', async () => {
    const precision = await rendered('Precision is $\\frac{TP}{TP+FP}$.')
    expect(precision).toContain('class="katex"')
    expect(precision).toContain('<mfrac>')
    expect(await rendered('Softmax: \\(e^{z_i}\\) over the sum')).toMatch(/^<p>Softmax: <span class="katex">.*<msub>/s)
    expect(await rendered('The sum:\n\\[\\sum_j e^{z_j}\\]')).toMatch(/class="katex-display".*<munder>|class="katex-display".*<msub>/s)
    expect(await rendered('$$F_1 = 2PR/(P+R)$$')).toContain('katex-display')
    expect(await rendered('It costs $5 and $10 a month.')).toBe('<p>It costs $5 and $10 a month.</p>')
  })

  it('shows a formula that does not parse as its source, marked, never a blank', async () => {
    const html = await rendered('Broken: $\\frac{1$ here.')
    expect(html).toContain('katex-error')
    expect(html).toContain('\\frac{1')
  })

  it('runs KaTeX without trust: \\href, \\url and \\htmlClass make no link or attribute', async () => {
    for (const tex of [
      '$\\href{javascript:alert(1)}{click}$',
      '$\\url{javascript:alert(1)}$',
      '$\\htmlClass{x" onclick="alert(1)}{y}$',
      '$\\htmlData{a=1}{y}$'
    ]) {
      const html = await rendered(`Formula ${tex}`)
      expect(html, tex).toContain('katex')
      // No tag gets a link, a handler, a data attribute or a class from the formula.
      expect(
        html.match(/<[^>]+>/g)!.filter((tag) => /^<a\b|\s(href|on\w+|data-[\w-]+)=|class="([^"]*\s)?[xy](\s[^"]*)?"/.test(tag)),
        tex
      ).toEqual([])
    }
  })

  it('highlights fenced code, and reads a dollar inside code as code', async () => {
    const html = await rendered('```python\nprice = "$x$"\nfit(model)\n```')
    expect(html).toContain('<code class="hljs language-python">')
    expect(html).toContain('<span class="hljs-string">&quot;$x$&quot;</span>')
    expect(html).not.toContain('katex')
  })

  it('renders every XSS payload, with the formula renderers in, as text: no script, handler, link or remote load', async () => {
    await loadCardTextRenderers()
    for (const payload of XSS_PAYLOADS) {
      const tags = renderToStaticMarkup(cardTextElements(`Question: ${payload}`)).match(/<[^>]+>/g) ?? []
      const bad = tags.filter((tag) =>
        /^<(script|iframe|object|img|style|form|base|meta|input|select)\b|\son\w+=|(href|src)="(?!https?:)|url\(/i.test(tag)
      )
      expect(bad, payload).toEqual([])
    }
  })
})

describe('bare links in card text', () => {
  const links = (text: string) => {
    const html = renderToStaticMarkup(cardTextElements(text))
    return {
      hrefs: [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
      text: html.replace(/<[^>]+>/g, '')
    }
  }

  it('stop before the brackets and punctuation around them, which stay in the text', () => {
    expect(links('(see https://aws.amazon.com/sagemaker/)}')).toEqual({
      hrefs: ['https://aws.amazon.com/sagemaker/'],
      text: '(see https://aws.amazon.com/sagemaker/)}'
    })
    expect(links('{https://docs.aws.amazon.com/bedrock/}, then www.example.com/a)].').hrefs).toEqual([
      'https://docs.aws.amazon.com/bedrock/',
      'http://www.example.com/a'
    ])
    expect(links('Pricing: https://aws.amazon.com/sagemaker/pricing/?nc=sn!').hrefs).toEqual([
      'https://aws.amazon.com/sagemaker/pricing/?nc=sn'
    ])
  })

  it('keep brackets the URL itself opened, and links written with a label', () => {
    expect(links('https://en.wikipedia.org/wiki/Precision_(statistics)').hrefs).toEqual([
      'https://en.wikipedia.org/wiki/Precision_(statistics)'
    ])
    expect(links('(https://en.wikipedia.org/wiki/Recall_(statistics))').hrefs).toEqual([
      'https://en.wikipedia.org/wiki/Recall_(statistics)'
    ])
    expect(links('[the guide](https://aws.amazon.com/a_(b))').hrefs).toEqual(['https://aws.amazon.com/a_(b)'])
  })
})

describe('images that cannot be shown', () => {
  it('keep their alt text beside the name, so the card still says what the picture was', () => {
    const html = renderToStaticMarkup(cardTextElements('Trains models ![diagram of SageMaker](https://example.com/sm.png)'))
    expect(html.replace(/<[^>]+>/g, '')).toBe(
      'Trains models ▧ Not shown (not a file of the collection): https://example.com/sm.png (diagram of SageMaker)'
    )
  })
})
