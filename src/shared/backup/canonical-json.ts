/** Thrown when a row holds something a JSON backup could not give back unchanged. */
export class BackupEncodeError extends Error {
  override name = 'BackupEncodeError'
}

/**
 * JSON with object keys sorted, so the same data always gives the same text (and checksum), whatever
 * order its fields were written in. Values JSON would silently change (NaN becomes null, a Date a
 * string, a Map `{}`) are refused with where they were found: a backup that restores different
 * data is worse than one that says it failed.
 */
export function canonicalJson(value: unknown, where = 'value'): string {
  const path: string[] = []
  const write = (v: unknown): string => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v)
      case 'boolean':
        return v ? 'true' : 'false'
      case 'number':
        if (!Number.isFinite(v)) fail(`is ${v}`)
        return JSON.stringify(v)
      case 'object': {
        if (v === null) return 'null'
        if (Array.isArray(v)) {
          const parts: string[] = []
          for (let i = 0; i < v.length; i++) {
            path.push(`[${i}]`)
            if (v[i] === undefined) fail('is undefined')
            parts.push(write(v[i]))
            path.pop()
          }
          return `[${parts.join(',')}]`
        }
        const proto = Object.getPrototypeOf(v) as unknown
        if (proto !== Object.prototype && proto !== null) fail(`is a ${v.constructor?.name ?? 'non-plain object'}`)
        const record = v as Record<string, unknown>
        const parts: string[] = []
        for (const key of Object.keys(record).sort()) {
          const field = record[key]
          if (field === undefined) continue // as JSON does: an absent field reads back the same
          path.push(path.length ? `.${key}` : key)
          parts.push(`${JSON.stringify(key)}:${write(field)}`)
          path.pop()
        }
        return `{${parts.join(',')}}`
      }
      default:
        return fail(`is a ${typeof v}`)
    }
  }
  const fail = (what: string): never => {
    const field = path.length ? `field ${path.join('')}` : 'the value'
    throw new BackupEncodeError(`${where}: ${field} ${what}, which a backup cannot hold`)
  }
  return write(value)
}
