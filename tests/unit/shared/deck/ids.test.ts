import { cardIdFromFront, hashText, slugify } from '@shared/deck/ids'
import { ID_PATTERN } from '@shared/deck/schema'
import { describe, expect, it } from 'vitest'

describe('card ids', () => {
  it('are the same for the same front, whatever its spacing or case', () => {
    expect(cardIdFromFront('Amazon  Polly ')).toBe(cardIdFromFront('amazon polly'))
    expect(cardIdFromFront('Amazon Polly')).not.toBe(cardIdFromFront('Amazon Lex'))
  })

  it('are valid ids even for fronts with no latin letters', () => {
    for (const front of ['Amazon Polly', '日本語のカード', '🚀', 'Ünïcödé – “quotes”']) {
      expect(cardIdFromFront(front)).toMatch(ID_PATTERN)
    }
    expect(cardIdFromFront('日本語のカード')).not.toBe(cardIdFromFront('🚀'))
  })

  it('slugify keeps readable ascii and hashText spreads close inputs apart', () => {
    expect(slugify('SageMaker Studio & Notebooks')).toBe('sagemaker-studio-notebooks')
    expect(slugify('Café déjà vu')).toBe('cafe-deja-vu')
    expect(hashText('a')).not.toBe(hashText('b'))
  })
})
