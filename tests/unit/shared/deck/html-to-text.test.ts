import { htmlToText, looksLikeHtml } from '@shared/deck/html-to-text'
import { mediaNote } from '@shared/deck/media-count'
import fc from 'fast-check'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { describe, expect, it } from 'vitest'

const text = (html: string) => htmlToText(html).text
/** What the card shows for a text: Markdown as the card renders it (CardText.tsx), as plain text. */
const shown = (markdown: string) =>
  renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, markdown))
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
/** Anything Markdown (or a browser) would read as the start of a tag: a "<" not escaped by a backslash. */
const TAG_START = /(?:^|[^\\])(?:\\\\)*<[a-zA-Z/!?]/

describe('htmlToText', () => {
  it('keeps the lines of an Anki field: <br>, <div>, <p> and lists', () => {
    expect(text('Turns text into lifelike speech.<br>Supports <b>SSML</b>.')).toBe('Turns text into lifelike speech.\nSupports SSML.')
    expect(text('<div>Data Streams: real-time.</div><div>Firehose: delivery to S3.</div>')).toBe(
      'Data Streams: real-time.\nFirehose: delivery to S3.'
    )
    expect(text('<p>First paragraph</p><p>Second</p>')).toBe('First paragraph\n\nSecond')
    expect(text('Two stores:\n<ul>\n  <li>online</li>\n  <li>offline</li>\n</ul>')).toBe('Two stores:\n- online\n- offline')
    expect(text('<ol><li>collect</li><li>train<ul><li>tune</li></ul></li></ol>')).toBe('1. collect\n2. train\n  - tune')
    expect(text('a<br><br><br><br>b')).toBe('a\n\nb')
    expect(text('<li></li><li>only item</li>')).toBe('- only item')
  })

  it('decodes entities and collapses spaces as a browser shows them', () => {
    expect(text('S3&nbsp;&amp;&nbsp;EBS &lt; 5&nbsp;TB &ndash; &#8220;quoted&#8221; &#x1F680;')).toBe('S3 & EBS < 5 TB – “quoted” 🚀')
    expect(text('&bogus; &amp &#0; &#xD800;')).toBe('&bogus; &amp � �')
    expect(text('  spaced\t\tout   words  ')).toBe('spaced out words')
  })

  it('decodes every HTML5 named and numeric entity to the character it names, and shows it so on the card', () => {
    expect(text('x &lt; y, &#60; and &#x3C; are all less-than')).toBe('x < y, < and < are all less-than')
    expect(text('&Auml;rger &check; &ShortLeftArrow; &NotNestedGreaterGreater; &frac12; &hearts; &#150;')).toBe('Ärger ✓ ← ⪢̸ ½ ♥ –')
    // "&amp;lt;" is the text "&lt;": it stays those four characters when the card shows it.
    expect(text('write &amp;lt; for &lt; in HTML, and &amp;amp; for &amp;')).toBe('write \\&lt; for < in HTML, and \\&amp; for &')
    expect(shown(text('write &amp;lt; for &lt;b&gt; and &amp;#60; in HTML'))).toBe('write &lt; for <b> and &#60; in HTML')
    expect(shown(text('<b>a &lt;b&gt; tag</b> &amp; &lt;script&gt;alert(1)&lt;/script&gt;'))).toBe('a <b> tag & <script>alert(1)</script>')
  })

  it('drops scripts, styles, comments and every attribute, and never leaves a tag behind', () => {
    expect(text('x<script>alert(1)</script>y<style>b{}</style>z<!-- note -->')).toBe('xyz')
    expect(text('<a href="javascript:alert(1)" title="a>b">link</a>')).toBe('link')
    expect(text('<scr<script>ipt>alert(1)</script>')).not.toMatch(TAG_START)
    // A "<" that would open a tag is escaped for the card's Markdown, which shows it as "<".
    expect(text('<<b>script>alert(1)<</b>/script>')).toBe('\\<script>alert(1)\\</script>')
    expect(text('&lt;img src=x onerror=alert(1)&gt;')).toBe('\\<img src=x onerror=alert(1)>')
    expect(text('\\&lt;b&gt;')).toBe('\\<b>')
    expect(text('a < b and 3<4')).toBe('a < b and 3<4')
  })

  it('reads an unclosed tag or comment as the end of the field, like a browser', () => {
    expect(text('kept <div title="never closed>lost')).toBe('kept')
    expect(text('kept<!-- never closed')).toBe('kept')
    expect(text('kept<script>never closed')).toBe('kept')
    expect(text(`kept <img alt="${'x'.repeat(200_000)}"> and after`)).toBe('kept and after')
  })

  it('keeps images as Markdown by file name and sound tags as written, and counts the media it leaves out', () => {
    const result = htmlToText(
      '<img src="a.png"> Rekognition <img alt="the console" src=\'my diagram&amp;1.png\'> [sound:polly.mp3] <video src=v.mp4></video><img>'
    )
    expect(result.text).toBe('![](a.png) Rekognition ![the console](my%20diagram&1.png) [sound:polly.mp3]')
    expect(result.media).toEqual({ images: 1, sounds: 0, videos: 1 })
    // An image with no file keeps its alt text: it says what the picture was.
    expect(htmlToText('Trains models <img alt="diagram of SageMaker"> in steps')).toEqual({
      text: 'Trains models diagram of SageMaker in steps',
      media: { images: 1, sounds: 0, videos: 0 }
    })
    expect(mediaNote({ images: 2, sounds: 1, videos: 1 })).toBe('(2 images, 1 sound and 1 video not imported)')
    expect(mediaNote({ images: 1, sounds: 0, videos: 0 })).toBe('(image not imported)')
    expect(mediaNote({ images: 0, sounds: 0, videos: 0 })).toBeUndefined()
    expect(text('[sound: not closed')).toBe('[sound: not closed')
  })

  it('never outputs a tag or a control character, whatever the markup', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '\u0000',
      'script',
      'b',
      'img',
      'li',
      'ul',
      'x',
      '&lt;',
      '&#60;',
      '&#x3c;',
      '<!--',
      '-->',
      '[sound:',
      ']',
      '&'
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const out = text(pieces.join(''))
        expect(out).not.toMatch(TAG_START)
        // eslint-disable-next-line no-control-regex -- the test is that no control character survives
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
      }),
      { numRuns: 2000 }
    )
  })

  it('takes hostile input of a megabyte without stalling (linear scan)', () => {
    for (const unit of ['<', '<a x="', "<a x='", '[sound:', '<script>', '<!--', '<ul>', '<li>', '&#1', '<scr<script>ipt>']) {
      const out = htmlToText(unit.repeat(Math.ceil(1_000_000 / unit.length)))
      expect(out.text).not.toMatch(TAG_START)
    }
  })
})

describe('Anki markup helpers', () => {
  it('recognise HTML fields but not plain comparisons', () => {
    expect(looksLikeHtml('line one<br>line two')).toBe(true)
    expect(looksLikeHtml('<div class="x">a</div>')).toBe(true)
    expect(looksLikeHtml('S3&nbsp;bucket')).toBe(true)
    expect(looksLikeHtml('latency < 100 ms and x<y')).toBe(false)
    expect(looksLikeHtml('Use <your-bucket> as the name')).toBe(false)
  })
})
