import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  /** One CSS selector per offending element, with axe's reason for it. */
  nodes: Array<{ target: string; html: string; summary: string }>
}

let source: Promise<string> | null = null

/**
 * Runs axe-core on the page as it is now and returns its violations. The script is evaluated
 * through the debugging protocol rather than added as a <script>, because the app's CSP allows
 * no inline script (that is the point of it).
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  source ??= readFile(resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await source)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: RawViolation[] }> } }).axe
    interface RawViolation {
      id: string
      impact: string | null
      help: string
      nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>
    }
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html, summary: n.failureSummary ?? '' }))
    }))
  })
}

/** Serious and critical violations only: the ones that stop someone from using the screen. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** One line per offending element: `[serious] color-contrast: … → .selector <its html>`. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const html = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text)
  return violations
    .flatMap((v) => v.nodes.map((n) => `${where}: [${v.impact}] ${v.id}: ${v.help} → ${n.target} ${html(n.html)}`))
    .join('\n')
}
