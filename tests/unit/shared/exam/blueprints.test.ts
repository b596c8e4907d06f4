import { blueprintSchema } from '@shared/exam/blueprint'
import { BLUEPRINTS } from '@shared/exam/blueprints'
import { paceOf } from '@shared/exam/pace'
import { blueprintProblems } from '@shared/exam/task-statements'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('the exam guides as data', () => {
  const files = readdirSync('src/shared/exam/blueprints').filter((f) => f.endsWith('.json'))

  it.each(files)('%s follows the blueprint schema, with weights adding up to 100 and every task in its domain', (file) => {
    const parsed = blueprintSchema.safeParse(JSON.parse(readFileSync(`src/shared/exam/blueprints/${file}`, 'utf8')))
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(blueprintProblems(parsed.data!)).toEqual([])
  })

  it('are all the app knows, each exam once', () => {
    expect(BLUEPRINTS.map((b) => b.exam).sort()).toEqual(['AIF-C01', 'MLA-C01', 'MLA-C02'])
    expect(files).toHaveLength(BLUEPRINTS.length)
  })

  it('give study the pace of each exam as its guide says it is sat', () => {
    for (const { exam, delivery } of BLUEPRINTS) expect(paceOf(exam)).toEqual({ questions: delivery.questions, minutes: delivery.minutes })
    expect(paceOf('XYZ-C01')).toBeUndefined()
    expect(paceOf('toString')).toBeUndefined()
  })
})
