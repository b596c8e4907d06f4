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
