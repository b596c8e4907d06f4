/** The few `key: value` lines a notes file may start with, between `---` fences. */
export interface FrontMatter {
  fields: Record<string, string>
  /** Number of lines the block takes, so that callers keep true line numbers. */
  lineCount: number
}

export function readFrontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') return { fields: {}, lineCount: 0 }
  const fields: Record<string, string> = {}
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.trim() === '---') return { fields, lineCount: i + 1 }
    const match = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line)
    if (match) fields[match[1]!.toLowerCase()] = unquote(match[2]!.trim())
  }
  return { fields: {}, lineCount: 0 } // no closing fence: not front matter
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$|^'(.*)'$/.exec(value)
  return quoted ? (quoted[1] ?? quoted[2] ?? '') : value
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|yes|on|1)$/i.test(value)
}
