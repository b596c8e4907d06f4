import { MAX_JOURNAL_APPEND } from '@shared/journal/journal-store'

/** The error code of a failed file operation (ENOSPC…), or its message when it has none. */
export function fileErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code === 'string') return code
  return error instanceof Error ? error.message : String(error)
}

const SAFE = 'Your study progress is still saved in Recall; the journal is its second copy.'

/** Why an append did not reach the journal's file, in words a person can act on. */
export function appendErrorMessage(error: unknown, file: string): string {
  const code = fileErrorCode(error)
  if (code === 'ENOSPC' || code === 'EDQUOT') return `The disk is full, so Recall could not write its journal (${file}). ${SAFE}`
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `Recall is not allowed to write its journal (${file}). ${SAFE}`
  if (code === 'EBUSY' || code === 'ETXTBSY' || code === 'EAGAIN')
    return `Another program (a backup or antivirus tool?) is holding Recall's journal (${file}); the next change will try again. ${SAFE}`
  if (code === 'EMFILE' || code === 'ENFILE') return `Too many files are open, so Recall could not write its journal (${file}). ${SAFE}`
  if (code === 'EIO') return `The disk reported an error while Recall wrote its journal (${file}). ${SAFE}`
  return `Recall could not write its journal (${file}: ${code}). ${SAFE}`
}

export function removeErrorMessage(error: unknown, path: string): string {
  return `Recall could not delete old journal files (${path}: ${fileErrorCode(error)}); it will try again after the next backup.`
}

export function nameErrorMessage(name: unknown, what: 'epoch' | 'segment'): string {
  const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : String(name)
  return `${shown} is not a journal ${what} name: it must be 1 to 64 letters, digits, "-" or "_".`
}

export function tooLongMessage(length: number): string {
  return `A journal append of ${length} characters is more than the ${MAX_JOURNAL_APPEND} one append may carry.`
}
