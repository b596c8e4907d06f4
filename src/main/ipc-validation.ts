import type { RecallApi, RecallMethod } from '@shared/ipc'
import { isJournalName, MAX_JOURNAL_APPEND } from '@shared/journal/journal-store'
import { isCompactableName } from '@shared/sync/compaction'
import { isDeviceId } from '@shared/sync/device-id'
import { z } from 'zod'

/**
 * One argument schema per method of an API, checked against the method's parameters: a method
 * without a schema, or a schema whose output does not match the parameters, fails typecheck.
 */
export type ArgumentSchemas<Api> = {
  [M in keyof Api]-?: Api[M] extends (...args: infer A) => unknown ? z.ZodType<A> : never
}

/**
 * Everything the renderer sends is untrusted (a hostile deck may one day find an XSS), so each
 * IPC call's arguments are parsed here before a handler sees them. Tuples are exact: extra
 * arguments are refused. Use z.strictObject for object arguments, and never accept a path.
 */
const MAX_TEXT_BYTES = 512 * 1024 * 1024
const review = z.strictObject({
  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  deltaT: z.number().int().min(0).max(36500)
})
const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', { message: 'must be a file name, not a path' })
const journalName = z.string().refine(isJournalName, { message: 'must be a journal name (1 to 64 letters, digits, - or _)' })
const MAX_JOURNAL_SEGMENTS = 10_000
/** Sync: a device id names a folder, a hash a file; a segment is text, a media file bytes, both bounded. */
const deviceId = z.string().refine(isDeviceId, { message: 'must be a device id (16 lowercase hex digits)' })
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 (64 lowercase hex digits)' })
const MAX_SYNC_SEGMENT_CHARS = 64 * 1024 * 1024
/** A snapshot holds a whole collection, so it may be far larger than a segment (V8's longest string is about 512 M characters). */
const MAX_SYNC_SNAPSHOT_CHARS = 480 * 1024 * 1024
export const MAX_SYNC_MEDIA_WRITE_BYTES = 256 * 1024 * 1024
const syncMediaBytes = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.byteLength <= MAX_SYNC_MEDIA_WRITE_BYTES, { message: 'a media file is at most 256 MB' })

export const IPC_ARGUMENT_SCHEMAS = {
  listDecks: z.tuple([]),
  optimizeParameters: z.tuple([z.array(z.array(review).max(10_000)).max(2_000_000)]),
  saveFile: z.tuple([
    z.strictObject({
      suggestedName: fileName,
      content: z.string().max(MAX_TEXT_BYTES),
      kind: z.enum(['deck-json', 'deck-csv', 'deck-apkg', 'backup'])
    })
  ]),
  noteStudyActivity: z.tuple([]),
  backupNow: z.tuple([]),
  listBackups: z.tuple([]),
  readBackup: z.tuple([fileName]),
  deliverBackupContent: z.tuple([
    z.string().max(100),
    z.union([z.strictObject({ content: z.string().max(MAX_TEXT_BYTES) }), z.strictObject({ error: z.string().max(2000) })])
  ]),
  showReminder: z.tuple([z.number().int().min(1).max(1_000_000)]),
  journalAppend: z.tuple([journalName, journalName, z.string().max(MAX_JOURNAL_APPEND)]),
  journalRead: z.tuple([journalName]),
  journalEpochs: z.tuple([]),
  journalRemove: z.tuple([journalName, z.array(journalName).max(MAX_JOURNAL_SEGMENTS).optional()]),
  syncLinked: z.tuple([]),
  syncChooseFolder: z.tuple([]),
  syncLink: z.tuple([]),
  syncUnlink: z.tuple([]),
  syncList: z.tuple([z.enum(['linked', 'chosen']), z.strictObject({ textless: z.boolean().optional() }).optional()]),
  syncWriteSegment: z.tuple([deviceId, z.number().int().min(1).max(9_999_999_999), z.string().max(MAX_SYNC_SEGMENT_CHARS)]),
  syncWriteSnapshot: z.tuple([deviceId, z.number().int().min(1).max(9_999_999_999), z.string().max(MAX_SYNC_SNAPSHOT_CHARS)]),
  syncRemoveOwn: z.tuple([deviceId, z.string().max(100).refine(isCompactableName, { message: 'must name a segment or a snapshot' })]),
  syncWriteMedia: z.tuple([deviceId, sha256Hex, syncMediaBytes]),
  syncReadMedia: z.tuple([deviceId, sha256Hex]),
  syncQuitDone: z.tuple([z.string().max(100)])
} satisfies ArgumentSchemas<RecallApi>

type IpcArguments<M extends RecallMethod> = Parameters<RecallApi[M]>

export type IpcArgumentsResult<M extends RecallMethod> = { ok: true; args: IpcArguments<M> } | { ok: false; message: string }

export function parseIpcArguments<M extends RecallMethod>(method: M, args: readonly unknown[]): IpcArgumentsResult<M> {
  // The `satisfies` above checked each schema against its method; TypeScript cannot carry that
  // through the generic index, hence the cast.
  const schema = IPC_ARGUMENT_SCHEMAS[method] as unknown as z.ZodType<IpcArguments<M>>
  const result = schema.safeParse(args)
  if (result.success) return { ok: true, args: result.data }
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `argument ${issue.path.map(String).join('.')}: ` : ''
    return `${where}${issue.message}`
  })
  return { ok: false, message: `invalid arguments for ${method} (${problems.join('; ')})` }
}
