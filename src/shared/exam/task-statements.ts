import type { Blueprint } from '@shared/exam/blueprint'

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
