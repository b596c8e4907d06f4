import { RecallError } from '@core/errors'

/** A mistake in a typed search, at a 0-based position in the text. Never escapes the parser. */
export class SearchSyntaxError extends RecallError {
  override name = 'SearchSyntaxError'
  constructor(
    message: string,
    readonly position: number
  ) {
    super('search-syntax', message)
  }
}
