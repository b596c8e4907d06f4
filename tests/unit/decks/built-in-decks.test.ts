import type { Deck } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateBuiltInDecks } from '../../../scripts/deck-generate'

const read = (id: string) => JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as Deck

describe('built-in decks', () => {
  it('are exactly what `npm run decks` generates from decks/sources', async () => {
    const { decks, problems } = await generateBuiltInDecks(process.cwd())
    expect(problems).toEqual([])
    expect(decks.map((d) => d.fileName)).toEqual(['aws-ml-chips.json', 'aws-ml-pipeline.json', 'aws-ml-services.json'])
    for (const deck of decks) expect(readFileSync(`decks/${deck.fileName}`, 'utf8'), deck.fileName).toBe(deck.content)
  })

  // Every service, stage, layer, term, chip and framework the study notes behind the decks name.
  const services = [
    'Amazon SageMaker',
    'SageMaker Ground Truth',
    'Augmented AI (A2I)',
    'SageMaker Data Wrangler',
    'SageMaker Feature Store',
    'SageMaker Processing Jobs',
    'SageMaker Studio',
    'SageMaker Studio Notebooks',
    'SageMaker Experiments',
    'SageMaker Debugger',
    'SageMaker Training Jobs',
    'SageMaker Autopilot',
    'SageMaker JumpStart',
    'SageMaker Automatic Model Tuning',
    'SageMaker Model Monitor',
    'SageMaker Clarify',
    'SageMaker Endpoints',
    'SageMaker Batch Transform',
    'SageMaker Multi-Model Endpoints',
    'SageMaker Serverless Inference',
    'SageMaker Pipelines',
    'SageMaker Canvas',
    'Amazon Bedrock',
    'Amazon CodeWhisperer',
    'Amazon Rekognition',
    'Amazon Polly',
    'Amazon Transcribe',
    'Amazon Translate',
    'Amazon Comprehend',
    'Amazon Lex',
    'Amazon Textract',
    'Amazon Personalize',
    'Amazon Forecast',
    'Amazon Fraud Detector',
    'Amazon Kendra',
    'Amazon Athena',
    'Amazon EMR',
    'Amazon Redshift',
    'Amazon Kinesis',
    'AWS Glue',
    'AWS Glue DataBrew',
    'AWS Lake Formation',
    'Amazon QuickSight',
    'QuickSight Q',
    'Amazon S3',
    'AWS Lambda',
    'AWS Batch',
    'Amazon API Gateway',
    'Amazon CloudWatch',
    'AWS CloudTrail',
    'AWS Data Exchange',
    'Deep Learning AMIs',
    'Deep Learning Containers'
  ]
  const stages = [
    'Data collection',
    'Data preparation & exploration',
    'Feature engineering',
    'Model training',
    'Hyperparameter tuning',
    'Model evaluation',
    'Model deployment',
    'Model monitoring',
    'Automation & orchestration'
  ]
  const layers = ['AI services layer', 'ML services layer', 'ML frameworks & infrastructure layer']
  const terms = ['Artificial intelligence', 'Machine learning', 'Deep learning']
  const chips = [
    'Intel Xeon',
    'NVIDIA GPU',
    'CUDA',
    'AWS Trainium',
    'AWS Inferentia',
    'Intel Gaudi',
    'Apache MXNet',
    'TensorFlow',
    'PyTorch',
    'Hugging Face'
  ]

  const fronts = (id: string) => read(id).cards.map((c) => c.front.toLowerCase())
  const missing = (id: string, names: string[]) => names.filter((name) => !fronts(id).some((f) => f.includes(name.toLowerCase())))

  it('give every name of the study notes a card of its own, in the deck that drills it', () => {
    expect(missing('aws-ml-services', services)).toEqual([])
    expect(missing('aws-ml-pipeline', [...stages, ...layers, ...terms])).toEqual([])
    expect(missing('aws-ml-chips', chips)).toEqual([])
  })

  it('study service cards both ways, and never give the name away in the answer', () => {
    for (const card of read('aws-ml-services').cards.filter((c) => c.reverse)) {
      const name = card.front.replace(/^(Amazon|AWS)\s+/, '').replace(/\s*\(.*\)$/, '')
      expect(card.back.toLowerCase(), card.front).not.toContain(name.toLowerCase())
    }
  })
})
