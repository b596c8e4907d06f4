/**
 * Tags as a person reads them.
 *
 * The built-in decks' tags are slugs of the headings a note sits under (`slugify` in
 * `shared/deck/ids.ts`: "Commonly confused" → `commonly-confused`, "ML services (Amazon SageMaker
 * AI)" → `ml-services-amazon-sagemaker-ai`), cut at 48 characters. CSV and JSON imports slug their
 * topics the same way; Anki's tags use `_` for spaces and `::` between the levels of a hierarchy.
 * The slug has lost the heading's capitals and punctuation, so they are put back where they can
 * be known: AWS names and acronyms, task-statement numbers ("1-2" → "1.2"), "insurer-s" →
 * "insurer's", the "Practice questions:" and "Case study:" the notes' headings begin with.
 */

/** Words the slug lowercased that are written otherwise: acronyms and AWS product names. */
const SPELLINGS: Record<string, string> = Object.fromEntries(
  [
    'AI',
    'ML',
    'AWS',
    'API',
    'AUC',
    'BERT',
    'CDK',
    'CLI',
    'CSV',
    'EC2',
    'ECR',
    'ECS',
    'EKS',
    'EMR',
    'ETL',
    'FAQ',
    'GDPR',
    'GPT',
    'GPU',
    'HIPAA',
    'IAM',
    'JSON',
    'KMS',
    'LLM',
    'MAE',
    'NLP',
    'PII',
    'RAG',
    'RMSE',
    'ROC',
    'S3',
    'SDK',
    'SQL',
    'TPU',
    'VPC',
    'Amazon',
    'Athena',
    'Bedrock',
    'CloudFormation',
    'CloudTrail',
    'CloudWatch',
    'CodePipeline',
    'DynamoDB',
    'Graviton',
    'GuardDuty',
    'Inferentia',
    'Jupyter',
    'Kendra',
    'Kinesis',
    'Macie',
    'MLflow',
    'MLOps',
    'OpenSearch',
    'PyTorch',
    'Redshift',
    'Rekognition',
    'SageMaker',
    'TensorFlow',
    'Textract',
    'Trainium',
    'XGBoost'
  ].map((word) => [word.toLowerCase(), word])
)

/** Words that the slug split but the heading joined with a hyphen or a slash. */
const JOINED: Array<[string, string, string]> = [
  ['ci', 'cd', 'CI/CD'],
  ['fine', 'tuning', 'fine-tuning'],
  ['fine', 'tuned', 'fine-tuned'],
  ['fine', 'tune', 'fine-tune'],
  ['pre', 'trained', 'pre-trained'],
  ['pre', 'training', 'pre-training'],
  ['real', 'time', 'real-time'],
  ['right', 'sizing', 'right-sizing'],
  ['retrieval', 'augmented', 'retrieval-augmented'],
  ['built', 'in', 'built-in']
]

/** Headings in the notes that name a kind of section and then its subject. */
const SECTION_KINDS = ['practice questions', 'case study']

/** The slug's limit: a tag this long may have been cut in the middle of a word. */
const SLUG_LIMIT = 48

const NUMBER = /^\d+$/
const EXAM_CODE = /^c\d\d$/

/** One level of a tag as words a person reads, in sentence case like the notes' headings. */
function levelLabel(level: string): string {
  // A tag someone typed with capitals (Anki: `AWS_Certified`) is already written as it should read.
  if (/[A-Z]/.test(level)) return level.replace(/_+/g, ' ').trim()
  const words = level.split(/[-_\s]+/).filter(Boolean)
  const out: string[] = []
  let capitaliseNext = true
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    const next = words[i + 1]
    const joined = JOINED.find(([a, b]) => a === word && b === next)
    if (joined) {
      out.push(capitaliseNext ? capitalise(joined[2]) : joined[2])
      capitaliseNext = false
      i++
      continue
    }
    if (NUMBER.test(word)) {
      // "1-2-transform…" was "1.2 Transform…", a task statement's number and its title.
      let number = word
      while (i + 1 < words.length && NUMBER.test(words[i + 1]!)) number += `.${words[++i]!}`
      out.push(number)
      capitaliseNext = true
      continue
    }
    if (next !== undefined && EXAM_CODE.test(next) && word.length === 3) {
      out.push(`${word}-${next}`.toUpperCase())
      capitaliseNext = false
      i++
      continue
    }
    // Not at the end, where a lone letter is more likely a word the slug's limit cut.
    if ((word === 's' || word === 't') && out.length > 0 && next !== undefined) {
      out[out.length - 1] += `'${word}`
      continue
    }
    const spelt = SPELLINGS[word] ?? word
    out.push(capitaliseNext ? capitalise(spelt) : spelt)
    capitaliseNext = false
  }
  let text = out.join(' ')
  const kind = SECTION_KINDS.find((k) => text.toLowerCase().startsWith(`${k} `))
  if (kind) text = `${text.slice(0, kind.length)}:${text.slice(kind.length)}`
  return level.length >= SLUG_LIMIT && /[a-z]$/.test(level) ? `${text}…` : text
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/**
 * A tag as it reads on screen: `commonly-confused` → "Commonly confused",
 * `ml-services-amazon-sagemaker-ai` → "ML services Amazon SageMaker AI",
 * `AWS::SageMaker::training_jobs` → "AWS › SageMaker › Training jobs".
 */
export function tagLabel(tag: string): string {
  const levels = tag
    .split('::')
    .map((level) => levelLabel(level))
    .filter(Boolean)
  return levels.length > 0 ? levels.join(' › ') : tag
}
