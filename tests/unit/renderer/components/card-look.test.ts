import { answerCentred, promptLook } from '@components/card-look'
import { describe, expect, it } from 'vitest'

describe('how a card text is set', () => {
  it('prints a term or a short question large and centred', () => {
    expect(promptLook('Amazon Bedrock')).toEqual({ size: 'short', centred: true })
    expect(promptLook('Which chip serves **inference** at low cost?')).toEqual({ size: 'short', centred: true })
    // A picture alone counts as a glance too: its words are what the reader has to take in.
    expect(promptLook('![confusion matrix of a spam filter](matrix.png)')).toEqual({ size: 'short', centred: true })
  })

  it('steps down for a sentence or two, and reads a paragraph from the left at body size', () => {
    const sentence =
      'A data scientist reports that a new loan-default model scores well on training data but badly on new applications. Why?'
    expect(promptLook(sentence)).toEqual({ size: 'medium', centred: true })
    expect(promptLook(`${sentence} ${sentence}`)).toEqual({ size: 'long', centred: false })
  })

  it('reads lists, tables, code, formulas on their own line and several paragraphs from the left', () => {
    for (const text of [
      'Which services collect data?\n- Amazon S3\n- AWS Glue',
      '1. Prepare\n2. Train',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '```python\nprint(1)\n```',
      'F1:\n$$F_1 = 2PR/(P+R)$$',
      'First paragraph.\n\nSecond one.'
    ])
      expect(promptLook(text)).toEqual({ size: 'long', centred: false })
  })

  it('centres a short answer under its prompt and sets a longer one as prose', () => {
    expect(answerCentred('SageMaker Ground Truth')).toBe(true)
    expect(answerCentred('Bias in data and models, and why a model made a prediction (feature attributions).')).toBe(true)
    expect(
      answerCentred(
        'The broad field that covers every technique for giving machines humanlike abilities, from smart assistants to self-driving cars.'
      )
    ).toBe(false)
    expect(answerCentred('- Amazon S3\n- AWS Glue')).toBe(false)
    // Link targets and markers are not read: this answer reads as two words.
    expect(answerCentred('[Amazon Kendra](https://aws.amazon.com/kendra/some/very/long/path/that/is/not/read/aloud/at/all)')).toBe(true)
  })
})
