import { IPC_ARGUMENT_SCHEMAS, parseIpcArguments, type ArgumentSchemas } from '@main/ipc-validation'
import { RECALL_METHODS, type DeckLibrary } from '@shared/ipc'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

describe('IPC argument validation', () => {
  it('has exactly one schema per method of the contract', () => {
    expect(Object.keys(IPC_ARGUMENT_SCHEMAS).sort()).toEqual([...RECALL_METHODS].sort())
  })

  it('lets listDecks through only with no arguments at all', () => {
    expect(parseIpcArguments('listDecks', [])).toEqual({ ok: true, args: [] })
    for (const args of [['decks'], [undefined], [{ path: '/etc/passwd' }], ['a', 'b']]) {
      const result = parseIpcArguments('listDecks', args)
      expect(result.ok, JSON.stringify(args)).toBe(false)
      if (!result.ok) expect(result.message).toMatch(/^invalid arguments for listDecks/)
    }
  })

  it('makes a new method without a matching schema a type error', () => {
    interface FutureApi {
      listDecks(): Promise<DeckLibrary>
      renameDeck(id: string, name: string): Promise<void>
    }
    const complete: ArgumentSchemas<FutureApi> = { listDecks: z.tuple([]), renameDeck: z.tuple([z.string(), z.string().max(200)]) }
    // @ts-expect-error renameDeck has no schema
    const missing: ArgumentSchemas<FutureApi> = { listDecks: z.tuple([]) }
    // @ts-expect-error the schema's tuple does not match renameDeck(id: string, name: string)
    const wrong: ArgumentSchemas<FutureApi> = { listDecks: z.tuple([]), renameDeck: z.tuple([z.string(), z.number()]) }
    expect(complete.renameDeck.safeParse(['aws-ml', 'AWS ML']).success).toBe(true)
    expect(complete.renameDeck.safeParse(['aws-ml']).success).toBe(false)
    expect([missing, wrong]).toHaveLength(2)
  })
})
