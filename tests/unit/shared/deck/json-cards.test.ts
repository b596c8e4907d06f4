import { basicNotes } from '../../helpers/notes'
import { ankiGuidId, foreignId, toTags } from '@shared/deck/foreign-cards'
import { cardIdFromFront } from '@shared/deck/ids'
import { parseJsonCards } from '@shared/deck/json-cards'
import { formatProblem } from '@shared/deck/problems'
import { ID_PATTERN } from '@shared/deck/schema'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8')

describe('parseJsonCards', () => {
  it('reads a top-level array of question/answer objects with ids and tags', () => {
    const { deck, problems } = parseJsonCards(fixture('cards-array.json'), 'cards-array.json')
    expect(problems).toEqual([])
    expect(deck?.id).toBe('cards-array')
    expect(basicNotes(deck)).toEqual([
      {
        id: 'sm-endpoint',
        type: 'basic',
        front: 'What hosts a SageMaker model for real-time predictions?',
        back: 'An endpoint backed by one or more instances',
        tags: ['sagemaker', 'deployment']
      },
      {
        id: '42',
        type: 'basic',
        front: 'Which SageMaker feature tunes hyperparameters automatically?',
        back: 'Automatic Model Tuning (Bayesian, random, grid or Hyperband search)',
        tags: ['sagemaker', 'training']
      },
      {
        id: cardIdFromFront('What does SageMaker Neo do?'),
        type: 'basic',
        front: 'What does SageMaker Neo do?',
        back: 'Compiles models to run faster on a target device or instance',
        extra: 'Edge devices included.',
        tags: []
      }
    ])
  })

  it('matches keys whatever their case, and takes the title and categories', () => {
    const { deck } = parseJsonCards(fixture('quiz-app.json'), 'quiz-app.json')
    expect(deck?.name).toBe('ML Specialty – metrics')
    expect(deck?.id).toBe('ml-specialty-metrics')
    expect(basicNotes(deck)[0]).toMatchObject({ front: 'Precision', tags: ['model-evaluation'] })
    expect(basicNotes(deck)[3]).toMatchObject({
      front: 'RMSE',
      back: 'Root mean squared error\nPenalises large errors',
      tags: ['regression-metrics']
    })
  })

  it('finds the cards of a deck object nested one level down, with its name and description', () => {
    const { deck } = parseJsonCards(fixture('nested-deck.json'), 'export.json')
    expect(deck).toMatchObject({
      name: 'AI Practitioner: responsible AI',
      description: 'Exam AIF-C01, domain 4',
      id: 'ai-practitioner-responsible-ai'
    })
    expect(basicNotes(deck).map((c) => [c.front, c.back, c.tags])).toEqual([
      ['Which service detects bias before and after training?', 'SageMaker Clarify', ['responsible-ai']],
      ['Which service adds human review to ML predictions?', 'Amazon Augmented AI (A2I)', ['responsible-ai']],
      ['What are Bedrock Guardrails for?', 'Filtering harmful content and denied topics in generative AI apps', ['security']]
    ])
  })

  it('reads notes with a list of HTML fields and a guid, as CrowdAnki writes them', () => {
    const { deck, problems } = parseJsonCards(fixture('crowdanki-notes.json'), 'crowdanki.json')
    expect(problems).toEqual([])
    expect(deck?.name).toBe('AWS ML::Chips')
    expect(basicNotes(deck)).toEqual([
      {
        id: ankiGuidId('x4$Inferentia'),
        type: 'basic',
        front: 'AWS Inferentia',
        back: 'Chip for low-cost, high-throughput inference',
        tags: ['chips']
      },
      {
        id: ankiGuidId('t9#Trainium'),
        type: 'basic',
        front: 'AWS Trainium',
        back: 'Chip for training deep learning models\nUsed by Trn1 instances',
        extra: '![](trn1.png)',
        tags: ['chips', 'training']
      }
    ])
  })

  it('reads [front, back] pairs and the list under "data"', () => {
    const pairs = parseJsonCards('{"data": [["Polly", "Text to speech"], ["Lex", "Chatbots", "voice and text"]]}', 'pairs.json')
    expect(basicNotes(pairs.deck).map((c) => [c.front, c.back, c.extra])).toEqual([
      ['Polly', 'Text to speech', undefined],
      ['Lex', 'Chatbots', 'voice and text']
    ])
  })

  it('reports each bad item with its line and position and imports the rest', () => {
    const text = [
      '[',
      '  {"front": "Polly", "back": "Text to speech"},',
      '  "just a string",',
      '  {"front": "Lex"},',
      '  {"title": "no sides"},',
      '  {"term": {"nested": true}, "definition": "x"}',
      ']'
    ].join('\n')
    const { deck, problems } = parseJsonCards(text, 'bad.json')
    expect(problems.map(formatProblem)).toEqual([
      'bad.json:3: note 2: not a card: expected an object with a front and a back',
      'bad.json:4: note 3, field back: back is empty',
      'bad.json:5: note 4: not a card: no front/back, question/answer, term/definition or prompt/response',
      'bad.json:6: note 5: front must be text, not an object'
    ])
    expect(basicNotes(deck).map((c) => c.front)).toEqual(['Polly'])
  })

  it('numbers the cards of minified JSON, where every line is 1', () => {
    const { problems } = parseJsonCards('[{"q":"Polly","a":"Text to speech"},{"q":"Lex","a":""},{"q":"polly","a":"again"}]', 'min.json')
    expect(problems.map(formatProblem)).toEqual([
      'min.json:1: note 2, field back: back is empty',
      'min.json:1: note 3, field id: the front "polly" is also on note 1, line 1; this card was skipped'
    ])
  })

  it('names the line of a syntax error, and says when there is no list of cards', () => {
    expect(parseJsonCards('[\n {"front": "a", "back": "b"}\n {"front": "c"}\n]', 's.json').problems).toEqual([
      { file: 's.json', line: 3, message: 'invalid JSON: comma expected' }
    ])
    expect(parseJsonCards('{"settings": {"theme": "dark"}}', 'o.json').problems[0]?.message).toMatch(/^no list of cards found/)
    expect(parseJsonCards('[]', 'e.json').problems).toEqual([{ file: 'e.json', message: 'no cards found' }])
  })
})

describe('foreign ids and tags', () => {
  it('keep ids that are valid Recall ids and map others to stable valid ones', () => {
    expect(foreignId('sm-endpoint')).toBe('sm-endpoint')
    expect(foreignId('Card_7')).toBe('card_7')
    for (const raw of ['Card #7 (v2)', '日本語', '  spaced id  ', 'x'.repeat(100)]) {
      expect(foreignId(raw)).toMatch(ID_PATTERN)
      expect(foreignId(raw)).toBe(foreignId(raw))
    }
    expect(foreignId('Card #7')).not.toBe(foreignId('Card #8'))
    expect(ankiGuidId('Pq7#x0Glue')).toMatch(ID_PATTERN)
  })

  it('make tags without spaces, at most 64 characters, without repeats', () => {
    expect(toTags(['Model Deployment', 'aws', '', ' aws ', 'AWS::SageMaker'])).toEqual(['Model-Deployment', 'aws', 'AWS::SageMaker'])
    expect(toTags(['x'.repeat(70)])[0]).toHaveLength(64)
    expect(toTags([`${'x'.repeat(63)}🚀`])[0]).toBe('x'.repeat(63)) // never half an emoji
  })
})
