import type { Blueprint } from '@shared/exam/blueprint'
import { taskStatements, type TaskStatement } from '@shared/exam/task-statements'
import aifC01 from '@shared/exam/blueprints/aif-c01.json'
import mlaC01 from '@shared/exam/blueprints/mla-c01.json'
import mlaC02 from '@shared/exam/blueprints/mla-c02.json'

/**
 * The exam guides Recall knows, newest first per exam. MLA-C02 replaced MLA-C01 on 29 September
 * 2026; MLA-C01 stays for notes that name its task statements and for anyone still sitting it.
 * Sources and gaps: blueprints/SOURCES.md.
 */
// Checked against blueprintSchema by the tests and by npm run decks, not at every start (the schema is zod).
export const BLUEPRINTS: readonly Blueprint[] = [aifC01, mlaC02, mlaC01] as unknown as Blueprint[]

export function blueprintOf(exam: string): Blueprint | undefined {
  return BLUEPRINTS.find((b) => b.exam === exam)
}

/** Every task statement of every exam, by key ("AIF-C01 1.1"). */
export const TASK_STATEMENTS: ReadonlyMap<string, TaskStatement> = new Map(BLUEPRINTS.flatMap(taskStatements).map((t) => [t.key, t]))
