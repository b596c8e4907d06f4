import { z } from 'zod'

/**
 * An exam guide as data (decks/blueprints/*.json): the exam's domains with their weights, the
 * task statements of each, and how the exam is delivered. Every built-in note names the task
 * statements it serves, as "EXAM taskId" ("AIF-C01 1.1"); the exam screens, the statistics and
 * the mock exam group and weigh by these.
 */
const link = z.strictObject({ title: z.string().min(1), url: z.url({ protocol: /^https$/ }), checked: z.string().optional() })

export const blueprintSchema = z.strictObject({
  format: z.literal('recall-blueprint'),
  version: z.literal(1),
  exam: z.string().regex(/^[A-Z]{2,4}-[A-Z]\d{2}$/),
  name: z.string().min(1),
  guide: link,
  status: z.strictObject({
    available: z.boolean(),
    from: z.string().optional(),
    until: z.string().optional(),
    note: z.string().optional(),
    source: link.optional()
  }),
  /** How the exam is sat. `confirmed` is false while the figures were not read on an AWS page. */
  delivery: z.strictObject({
    questions: z.number().int().positive(),
    scored: z.number().int().positive(),
    minutes: z.number().int().positive(),
    passingScore: z.number().int().positive(),
    scoreRange: z.tuple([z.number().int(), z.number().int()]),
    formats: z.array(z.enum(['multiple-choice', 'multiple-response', 'ordering', 'matching', 'case-study'])).min(1),
    confirmed: z.boolean(),
    note: z.string().optional()
  }),
  domains: z
    .array(
      z.strictObject({
        id: z.string().regex(/^\d{1,2}$/),
        name: z.string().min(1),
        weight: z.number().positive().max(100),
        tasks: z
          .array(z.strictObject({ id: z.string().regex(/^\d{1,2}\.\d{1,2}$/), title: z.string().min(1), skills: z.array(z.string()) }))
          .min(1)
      })
    )
    .min(1),
  inScopeServices: z.array(z.string()).optional()
})

export type Blueprint = z.infer<typeof blueprintSchema>

/** A task statement with what it belongs to, keyed as notes name it ("AIF-C01 1.1"). */
export interface TaskStatement {
  key: string
  exam: string
  id: string
  title: string
  domain: { id: string; name: string; weight: number }
  /** The task's share of the exam: its domain's weight split evenly over the domain's tasks (0–1). */
  share: number
}

export function taskStatements(blueprint: Blueprint): TaskStatement[] {
  return blueprint.domains.flatMap((domain) =>
    domain.tasks.map((task) => ({
      key: `${blueprint.exam} ${task.id}`,
      exam: blueprint.exam,
      id: task.id,
      title: task.title,
      domain: { id: domain.id, name: domain.name, weight: domain.weight },
      share: domain.weight / 100 / domain.tasks.length
    }))
  )
}

/** Problems of a blueprint that its schema cannot see: weights that do not add to 100, repeated ids. */
export function blueprintProblems(blueprint: Blueprint): string[] {
  const problems: string[] = []
  const total = blueprint.domains.reduce((sum, d) => sum + d.weight, 0)
  if (Math.abs(total - 100) > 1e-9) problems.push(`${blueprint.exam}: the domain weights add up to ${total}, not 100`)
  const ids = blueprint.domains.flatMap((d) => d.tasks.map((t) => t.id))
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`${blueprint.exam}: task ${id} is listed twice`)
  for (const d of blueprint.domains)
    for (const t of d.tasks) if (!t.id.startsWith(`${d.id}.`)) problems.push(`${blueprint.exam}: task ${t.id} is not in domain ${d.id}`)
  return problems
}
