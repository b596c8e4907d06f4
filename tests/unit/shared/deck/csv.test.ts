import { basicNotes, clozeNotes } from '../../helpers/notes'
import { NO_BACK, parseCsvDeck } from '@shared/deck/csv'
import { ankiGuidId } from '@shared/deck/foreign-cards'
import { cardIdFromFront } from '@shared/deck/ids'
import { formatProblem } from '@shared/deck/problems'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8')
const fronts = (text: string, file = 'deck.csv') => basicNotes(parseCsvDeck(text, file).deck).map((c) => c.front)

describe('parseCsvDeck: Anki plain-text export', () => {
  const { deck, problems } = parseCsvDeck(fixture('anki-notes.txt'), 'anki-notes.txt')
  const card = (front: string) => basicNotes(deck).find((c) => c.front === front)

  it('reads every note, names the deck after its most common deck column, with no problem', () => {
    expect(problems).toEqual([])
    expect(deck?.name).toBe('AWS ML::Data Engineering')
    expect(deck?.id).toBe('aws-ml-data-engineering')
    expect(basicNotes(deck)).toHaveLength(5)
    expect(clozeNotes(deck)).toHaveLength(1)
  })

  it('takes the guid column as a stable id and skips the notetype and deck columns', () => {
    expect(card('AWS Glue')).toEqual({
      id: ankiGuidId('Pq7#x0Glue'),
      type: 'basic',
      front: 'AWS Glue',
      back: 'Serverless ETL: crawlers fill the Data Catalog, jobs run Apache Spark.',
      tags: ['data-prep', 'etl']
    })
    expect(card('Which service answers "what is in this image?"')?.id).toBe(ankiGuidId('Rk"9_lbl'))
  })

  it('reads quoted multi-line fields with escaped quotes and reduces their HTML', () => {
    expect(card('Kinesis Data Streams vs Data Firehose')?.back).toBe(
      'Data Streams: real-time; you manage shards and consumers.\nData Firehose: near real-time delivery to S3, Redshift or OpenSearch, no code.'
    )
    expect(card('SageMaker Feature Store')?.back).toBe(
      'Two stores:\n- online – low-latency reads at inference\n- offline – history in S3 for training'
    )
  })

  it('reads a cloze note as a cloze (its Back Extra as the extra), and keeps images and sounds by file name', () => {
    expect(clozeNotes(deck)).toEqual([
      {
        id: ankiGuidId('Dw4~cloze'),
        type: 'cloze',
        text: '{{c1::SageMaker Data Wrangler}} prepares data with 300+ built-in transforms.',
        extra: 'Visual and low-code.',
        tags: ['data-prep']
      }
    ])
    expect(card('Which service answers "what is in this image?"')).toMatchObject({ back: 'Amazon Rekognition\n![](labels.png)' })
    expect(card('AWS KMS')).toMatchObject({ back: 'Encrypts data at rest in S3, EBS and SageMaker volumes [sound:kms-intro.mp3]' })
    expect(card('AWS KMS')?.extra).toBeUndefined()
  })

  it('gives the line where a record starts, after header lines and multi-line records', () => {
    const text = [
      '#separator:tab',
      '#html:false',
      'Front one\t"back',
      'spanning',
      'lines"',
      '\tA back without a front',
      'Front three\tok'
    ].join('\n')
    const result = parseCsvDeck(text, 'lines.txt')
    expect(result.problems.map(formatProblem)).toEqual(['lines.txt:6: field front: front is empty'])
    expect(basicNotes(result.deck).map((c) => c.front)).toEqual(['Front one', 'Front three'])
  })

  it('follows #separator, #columns, #tags and #deck, and #html:false keeps markup as text', () => {
    const text = [
      '#separator:Pipe',
      '#html:false',
      '#columns:Back|Front|Tags',
      '#tags:mla-c01',
      '#deck:Imported::Pipes',
      'a <b>bold</b> answer|Question?|extra-tag'
    ].join('\n')
    const { deck } = parseCsvDeck(text, 'p.txt')
    expect(deck?.name).toBe('Imported::Pipes')
    expect(basicNotes(deck)).toEqual([
      { id: cardIdFromFront('Question?'), type: 'basic', front: 'Question?', back: 'a <b>bold</b> answer', tags: ['mla-c01', 'extra-tag'] }
    ])
    expect(fronts('#separator:;\nA;B\n')).toEqual(['A'])
  })

  it('reports an unknown separator on its line and falls back as Anki does', () => {
    const result = parseCsvDeck('#separator:Hash\nfront,back\nAmazon Polly,Text to speech\n', 'x.txt')
    expect(result.problems).toEqual([
      { file: 'x.txt', line: 1, message: 'unknown separator "Hash"; the file was read as comma-separated, as Anki would' }
    ])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([['Amazon Polly', 'Text to speech']])
  })
})

describe('parseCsvDeck: other tools', () => {
  it('reads a headerless TSV: a third column is the extra, blank lines are skipped', () => {
    const { deck, problems } = parseCsvDeck(fixture('headerless.tsv'), 'headerless.tsv')
    expect(problems).toEqual([])
    expect(deck?.name).toBe('headerless')
    expect(basicNotes(deck)[0]).toMatchObject({
      front: 'Amazon SageMaker Ground Truth',
      extra: 'Workforces: Mechanical Turk, private or vendor'
    })
    expect(basicNotes(deck).map((c) => c.front)).toContain('Amazon Personalize')
  })

  it('reads a semicolon CSV with a byte-order mark, Windows line ends and a header row', () => {
    const { deck, problems } = parseCsvDeck(fixture('exam-domains.csv'), 'exam-domains.csv')
    expect(problems).toEqual([])
    expect(basicNotes(deck).map((c) => c.front)).toEqual([
      'Which exam domain covers data preparation?',
      'Which domain covers model development?',
      'What does "drift" mean; in production?',
      'Welche Domäne behandelt Sicherheit?'
    ])
    expect(basicNotes(deck)[0]).toMatchObject({ back: 'Domain 1: Data Preparation for ML; 28% of MLA-C01', tags: ['mla-c01', 'domains'] })
    expect(basicNotes(deck)[2]?.back).toBe("The data or the model's quality changes over time.\nDetect it with SageMaker Model Monitor.")
  })

  it('reads a Quizlet export whose quotes are just characters', () => {
    const { deck, problems } = parseCsvDeck(fixture('quizlet-export.txt'), 'quizlet-export.txt', { delimiter: '\t' })
    expect(problems).toEqual([])
    expect(basicNotes(deck).map((c) => c.front)).toEqual([
      'Epoch',
      'Learning rate',
      '"Bias" vs "variance"',
      'Early stopping',
      'Dropout',
      'Batch size'
    ])
    expect(basicNotes(deck)[1]?.back).toBe('Step size of each "update" to the weights, e.g. 0.001')
  })

  it('guesses comma, semicolon, tab and pipe, and maps a header row by name', () => {
    for (const sep of [',', ';', '\t', '|']) {
      expect(
        fronts(
          ['term', 'definition'].join(sep) +
            '\n' +
            ['Epoch', 'One pass, over the data'].join(sep) +
            '\n' +
            ['Dropout', 'A regulariser'].join(sep)
        )
      ).toEqual(['Epoch', 'Dropout'])
    }
    const mapped = parseCsvDeck(
      'Tags,Answer,Question,Notes\nnlp,Amazon Comprehend,Which service finds sentiment?,Also key phrases\n',
      'q.csv'
    )
    expect(basicNotes(mapped.deck)[0]).toMatchObject({
      front: 'Which service finds sentiment?',
      back: 'Amazon Comprehend',
      extra: 'Also key phrases',
      tags: ['nlp']
    })
    expect(fronts('Front of card,Back of card\nx,y\n')).toEqual(['Front of card', 'x'])
  })

  it('makes a tag of a topic column, and keeps quotes literal only in plain TSV', () => {
    const topics = parseCsvDeck('Term\tDefinition\tTopic\nPrecision\tTP / (TP + FP)\tModel Evaluation\n', 't.tsv')
    expect(basicNotes(topics.deck)[0]?.tags).toEqual(['model-evaluation'])
    const anki = parseCsvDeck('#separator:tab\nPolly\t"Text to" speech\nLex\tChatbots\n', 'anki.txt')
    expect(anki.problems).toEqual([
      {
        file: 'anki.txt',
        line: 2,
        message: 'a quoted field has text after its closing quote; the field was read as it stands, quotes included'
      }
    ])
    expect(basicNotes(anki.deck).map((c) => c.back)).toEqual(['"Text to" speech', 'Chatbots'])
  })

  it('detects HTML without a header and reduces it', () => {
    const { deck } = parseCsvDeck('Polly,Text to speech<br>with <b>SSML</b>\nLex,Chatbots&nbsp;and voice\n', 'h.csv')
    expect(basicNotes(deck).map((c) => c.back)).toEqual(['Text to speech\nwith SSML', 'Chatbots and voice'])
  })
})

describe('parseCsvDeck: problems', () => {
  it('names the line where an unclosed quote starts, reads that line as it stands and the rest of the file too', () => {
    const result = parseCsvDeck('Polly,Text to speech\nLex,"Chatbots\nComprehend,NLP\n', 'q.csv')
    expect(result.problems).toEqual([
      { file: 'q.csv', line: 2, message: 'a quoted field is never closed; the line was read as it stands, quote included' }
    ])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['Polly', 'Text to speech'],
      ['Lex', '"Chatbots'],
      ['Comprehend', 'NLP']
    ])
  })

  it('reports a field that is too long with its line, and still imports the other cards', () => {
    const result = parseCsvDeck(`Polly,Text to speech\nHuge,${'x'.repeat(20_001)}\nLex,Chatbots\n`, 'big.csv')
    expect(result.problems).toEqual([{ file: 'big.csv', line: 2, field: 'back', message: 'back is longer than 20000 characters' }])
    expect(basicNotes(result.deck).map((c) => c.front)).toEqual(['Polly', 'Lex'])
  })

  it('keeps the first of two cards with the same front and names both lines', () => {
    const result = parseCsvDeck('Polly,Text to speech\nLex,Chatbots\npolly ,Duplicate\n', 'dup.csv')
    expect(result.problems.map(formatProblem)).toEqual(['dup.csv:3: field id: the front "polly" is also on line 1; this card was skipped'])
    expect(basicNotes(result.deck)).toHaveLength(2)
  })

  it('reads a file of one column as cards without backs, as Anki does, and says it found one column', () => {
    const result = parseCsvDeck('just a list\nof lines\nwithout columns\n', 'list.csv')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['just a list', NO_BACK],
      ['of lines', NO_BACK],
      ['without columns', NO_BACK]
    ])
    expect(result.csv).toMatchObject({ delimiter: ',', delimiterFrom: 'guess', names: 'none', labels: [''] })
  })

  it('refuses more cards than the limit', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `Q${i},A${i}`).join('\n')
    expect(parseCsvDeck(rows, 'many.csv', { maxCards: 10 })).toEqual({
      problems: [{ file: 'many.csv', message: 'the file has more than 10 cards; split it into smaller decks' }]
    })
    expect(parseCsvDeck(rows, 'many.csv', { maxCards: 12 }).deck?.notes).toHaveLength(12)
  })
})
