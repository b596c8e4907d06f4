/** What the person may choose about a CSV file, and how it was read: shared by the reader, the result and the preview. */

export interface CsvChoice {
  delimiter?: string
  /** True: the first row holds column names; false: it is a card. */
  header?: boolean
  /** 0-based columns of the front and the back. */
  front?: number
  back?: number
}

/** How the file was read, for the preview to say and to let the person change. */
export interface CsvReading {
  delimiter: string
  /** Named by an Anki header line or Excel's `sep=` line, given by the file type, guessed, or chosen. */
  delimiterFrom: 'file' | 'excel' | 'format' | 'guess' | 'choice'
  /** Where the column names came from: a `#columns:` line, the first row, or nowhere. */
  names: 'columns-line' | 'first-row' | 'none'
  namesFrom: 'file' | 'guess' | 'choice'
  /** Per column: its name, or '' when it has none. */
  labels: string[]
  /** Per column: its value in the first card's row, shortened. */
  sample: string[]
  front?: number
  back?: number
  html: boolean
  /** Lines of rows with more separators than the file's two columns, read as two fields (see mendWideRows). */
  mended: number[]
}
