import { tagLabel } from '@core/notes/tag-label'
import { slugify } from '@shared/deck/ids'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every tag of the built-in decks, as the decks' notes carry them. */
function builtInTags(): string[] {
  const tags = new Set<string>()
  for (const file of readdirSync('decks').filter((f) => f.endsWith('.json'))) {
    const deck = JSON.parse(readFileSync(join('decks', file), 'utf8')) as { notes: Array<{ tags?: string[] }> }
    for (const note of deck.notes) for (const tag of note.tags ?? []) tags.add(tag)
  }
  return [...tags]
}

describe('tag labels', () => {
  it('reads the built-in decks’ heading slugs as their headings, acronyms and AWS names spelt as AWS spells them', () => {
    expect(tagLabel('commonly-confused')).toBe('Commonly confused')
    expect(tagLabel('ml-services-amazon-sagemaker-ai')).toBe('ML services Amazon SageMaker AI')
    expect(tagLabel('retrieval-augmented-generation-on-bedrock')).toBe('Retrieval-augmented generation on Bedrock')
    expect(tagLabel('endpoint-metrics-in-amazon-cloudwatch')).toBe('Endpoint metrics in Amazon CloudWatch')
    expect(tagLabel('model-versions-approval-and-mlflow')).toBe('Model versions approval and MLflow')
    expect(tagLabel('ci-cd-services')).toBe('CI/CD services')
    expect(tagLabel('training-and-fine-tuning-foundation-models')).toBe('Training and fine-tuning foundation models')
    expect(tagLabel('gpu-and-accelerator-allocation')).toBe('GPU and accelerator allocation')
  })

  it('puts back task-statement numbers, possessives and the “Practice questions:” of section headings', () => {
    expect(tagLabel('1-1-collect-and-store-data')).toBe('1.1 Collect and store data')
    expect(tagLabel('practice-questions-1-1-collect-and-store-data')).toBe('Practice questions: 1.1 Collect and store data')
    expect(tagLabel('practice-questions-prompt-engineering')).toBe('Practice questions: prompt engineering')
    expect(tagLabel('practice-questions')).toBe('Practice questions')
    expect(tagLabel('case-study-loan-default-risk')).toBe('Case study: loan default risk')
    expect(tagLabel('aif-c01-fundamentals')).toBe('AIF-C01 fundamentals')
  })

  it('marks a slug as long as the slug limit as perhaps cut, and no shorter one', () => {
    expect(tagLabel('case-study-an-insurer-s-ml-and-generative-ai-pla')).toBe("Case study: an insurer's ML and generative AI pla…")
    expect(slugify('Monitor ML and AI model inference and performance')).toBe('monitor-ml-and-ai-model-inference-and-performanc')
    expect(tagLabel('monitor-ml-and-ai-model-inference-and-performanc')).toBe('Monitor ML and AI model inference and performanc…')
    expect(tagLabel('2-1-choosing-modeling-approaches-for-ml-and-ai-s')).toBe('2.1 Choosing modeling approaches for ML and AI s…')
    // The slug cannot tell a heading cut at the limit from one that ends there: both get the mark.
    expect(tagLabel('customizing-a-foundation-model-and-what-it-costs')).toBe('Customizing a foundation model and what it costs…')
    expect(tagLabel('knowledge-base-set-up-and-retrieval-pipelines')).toBe('Knowledge base set up and retrieval pipelines')
  })

  it('reads Anki’s tags: `::` levels, `_` for spaces, capitals kept as typed', () => {
    expect(tagLabel('AWS::SageMaker::training_jobs')).toBe('AWS › SageMaker › Training jobs')
    expect(tagLabel('commonly_confused')).toBe('Commonly confused')
    expect(tagLabel('AWS_Certified')).toBe('AWS Certified')
    expect(tagLabel('leech')).toBe('Leech')
    expect(tagLabel('exam::mla-c02')).toBe('Exam › MLA-C02')
  })

  it('never loses a tag: odd input still reads as something', () => {
    expect(tagLabel('')).toBe('')
    expect(tagLabel('::')).toBe('::')
    expect(tagLabel('-')).toBe('-')
    expect(tagLabel('2024')).toBe('2024')
  })

  it('gives every built-in tag a label that starts with a capital or a number and has no slug left in it', () => {
    const tags = builtInTags()
    expect(tags.length).toBeGreaterThan(100)
    for (const tag of tags) {
      const label = tagLabel(tag)
      expect(label, tag).toMatch(/^[A-Z0-9]/)
      expect(label, tag).not.toMatch(/[a-z]+-[a-z]+-[a-z]+/)
    }
    // Two tags never read the same.
    expect(new Set(tags.map(tagLabel)).size).toBe(tags.length)
  })
})
