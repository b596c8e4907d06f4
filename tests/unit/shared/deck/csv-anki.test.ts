import { basicNotes } from '../../helpers/notes'
import { NO_BACK, parseCsvDeck, type CsvOptions } from '@shared/deck/csv'
import { describe, expect, it } from 'vitest'

/**
 * Each case mirrors one expectation of Anki's own CSV import tests (rslib/src/import_export/text/csv,
 * the test modules of import.rs and metadata.rs), written again for Recall: Anki's fields become a
 * card's front and back, Anki's metadata becomes how the file was read (`csv`). The inputs are
 * Anki's own tiny ones where they make a card, realistic ones where Anki's only make metadata.
 */

const read = (text: string, options?: CsvOptions, file = 'notes.txt') => parseCsvDeck(text, file, options)
const sides = (text: string, options?: CsvOptions) => basicNotes(read(text, options).deck).map((c) => [c.front, c.back])

describe('Anki import.rs expectations', () => {
  it('should_allow_missing_columns: a row with one field is a note whose back is empty, not a failed file', () => {
    const result = read('foo\n')
    expect(result.problems).toEqual([])
    expect(sides('foo\n')).toEqual([['foo', NO_BACK]])
    // …and in a file whose other rows have a back, only that row lacks one
    expect(sides('hola,hello\nadiós\ngracias,thank you\n')).toEqual([
      ['hola', 'hello'],
      ['adiós', NO_BACK],
      ['gracias', 'thank you']
    ])
  })

  it('should_respect_custom_delimiter: with the pipe chosen, commas are part of the fields', () => {
    expect(sides('fr,ont|ba,ck\n', { choice: { delimiter: '|' } })).toEqual([['fr,ont', 'ba,ck']])
    expect(sides('#separator:Pipe\nfr,ont|ba,ck\n')).toEqual([['fr,ont', 'ba,ck']])
  })

  it('should_ignore_first_line_starting_with_tags: "tags:" first line is skipped, and front,back is then a card', () => {
    const result = read('tags:foo\nfront,back\n')
    expect(basicNotes(result.deck)).toEqual([expect.objectContaining({ front: 'front', back: 'back', tags: ['foo'] })])
  })

  it('should_respect_column_remapping: front from column 3 and back from column 1 when the person says so', () => {
    expect(sides('front,foo,back\n', { choice: { front: 2, back: 0 } })).toEqual([['back', 'front']])
    // a remapping of a file with a header row keeps the header out of the cards
    const result = read('Question,Answer,Note\nWhat is 2+2?,4,easy\n', { choice: { front: 1, back: 0 } })
    expect(basicNotes(result.deck)).toEqual([expect.objectContaining({ front: '4', back: 'What is 2+2?', extra: 'easy' })])
  })

  it('should_ignore_lines_starting_with_number_sign: # lines before, between and after rows are comments', () => {
    expect(sides('#foo\nfront,back\n#bar\n')).toEqual([['front', 'back']])
    expect(sides('hola,hello\n# verbs follow\ncomer,to eat\n')).toEqual([
      ['hola', 'hello'],
      ['comer', 'to eat']
    ])
  })

  it('should_escape_html_entities_if_csv_is_html: without HTML, markup is text; with #html:true it is markup', () => {
    expect(sides('#html:false\n<hr>\n')).toEqual([['<hr>', NO_BACK]])
    expect(sides('#html:true\nabove<hr>below,x\n')).toEqual([['above\nbelow', 'x']])
    expect(sides('#html:false\n<b>bold</b>,a <i>b</i>\n')).toEqual([['<b>bold</b>', 'a <i>b</i>']])
    const html = sides('#html:true\n<b>Mitochondria</b>,Power<br>plant &amp; more\n')
    expect(html).toEqual([['Mitochondria', 'Power\nplant & more']])
  })

  it('should_parse_tag_column: #tags column:3 makes the third column tags', () => {
    const result = read('#tags column:3\nfront,back,foo bar\n')
    expect(basicNotes(result.deck)).toEqual([expect.objectContaining({ front: 'front', back: 'back', tags: ['foo', 'bar'] })])
  })

  it('should_parse_deck_column: #deck column:1 names the deck from the first column', () => {
    const result = read('#deck column:1\nSpanish::Verbs,hablar,to speak\nSpanish::Verbs,comer,to eat\n')
    expect(result.deck?.name).toBe('Spanish::Verbs')
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['hablar', 'to speak'],
      ['comer', 'to eat']
    ])
  })

  it('should_parse_notetype_column: the note type column is not a field', () => {
    expect(sides('#notetype column:1\nBasic,front,back\nCloze,foo,bar\n')).toEqual([
      ['front', 'back'],
      ['foo', 'bar']
    ])
  })

  it('should_ignore_bom: a byte-order mark before a row, a comment, #html or tags: changes nothing', () => {
    expect(sides('\ufefffoo,bar\n')).toEqual([['foo', 'bar']])
    for (const text of ['\ufeff#foo\n', '\ufeff#html:true\n', '\ufefftags:foo\n']) {
      const result = read(text)
      expect(result.deck).toBeUndefined()
      expect(result.problems).toEqual([{ file: 'notes.txt', message: 'no cards found' }])
    }
  })
})

describe('Anki metadata.rs expectations', () => {
  it('should_detect_deck_by_name_or_id: #deck names the deck; without it, the file does', () => {
    expect(read('#deck:my deck\nhola,hello\n').deck?.name).toBe('my deck')
    expect(read('hola,hello\n', {}, 'Spanish words.csv').deck?.name).toBe('Spanish words')
  })

  it('should_detect_notetype_by_name_or_id: a #notetype line is read as a header, not as a card', () => {
    const result = read('#notetype:Basic\nhola,hello\n')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck).map((c) => c.front)).toEqual(['hola'])
  })

  it('should_detect_valid_delimiters: names and characters count; anything else falls back to the body, then space', () => {
    expect(read('#separator:comma\n').csv?.delimiter).toBe(',')
    expect(read('#separator:\t\n').csv?.delimiter).toBe('\t')
    // fallback: nothing to look at in the body → space, as Anki
    expect(read('#separator:foo\n').csv?.delimiter).toBe(' ')
    expect(read('#separator:♥\n').csv?.delimiter).toBe(' ')
    expect(read('#separator:foo\n').problems[0]).toEqual({
      file: 'notes.txt',
      line: 1,
      message: 'unknown separator "foo"; the file was read as space-separated, as Anki would'
    })
    // fallback: the first of tab, pipe, semicolon, colon, comma in the body
    expect(sides('#separator:Hash\nhola hello|hi\n')).toEqual([['hola hello', 'hi']])
    // picked up from the first line
    expect(read('foo\tbar\n').csv?.delimiter).toBe('\t')
    // the person's choice overrides the file's
    expect(read('#separator: \nfoo\tbar\n', { choice: { delimiter: '|' } }).csv?.delimiter).toBe('|')
    // a spreadsheet that padded the line with empty cells: the name still counts (Anki reaches pipe
    // through its fallback; the result is the same)
    const padded = read('#separator:Pipe,,,,\n#html:false\na<br>b|c\n')
    expect(padded.problems).toEqual([])
    expect(basicNotes(padded.deck).map((c) => [c.front, c.back])).toEqual([['a<br>b', 'c']])
  })

  it('should_enforce_valid_html_flag: true and FALSE are obeyed, maybe is not', () => {
    expect(read('#html:true\n').csv?.html).toBe(true)
    expect(read('#html:FALSE\n<b>x</b>,y\n').csv?.html).toBe(false)
    expect(read('#html:maybe\nplain,text\n').csv?.html).toBe(false)
    expect(read('#html:maybe\n<b>x</b>,y\n').csv?.html).toBe(true)
  })

  it('should_set_missing_html_flag_by_first_line: HTML is guessed per field of the first rows', () => {
    expect(read('<br/>\n').csv?.html).toBe(true)
    // the comma splits "<br,/>" into two fields, neither of them HTML
    expect(read('<br,/>\n').csv?.html).toBe(false)
    expect(read('#html:false\n<br>\n').csv?.html).toBe(false)
  })

  it('should_detect_old_and_new_style_tags: tags: only as the very first line, #tags: only in the head', () => {
    const tags = (text: string) => basicNotes(read(text).deck)[0]?.tags
    expect(tags('tags:foo bar\nhola,hello\n')).toEqual(['foo', 'bar'])
    expect(tags('#tags:foo bar\nhola,hello\n')).toEqual(['foo', 'bar'])
    expect(tags('#\n#tags:foo bar\nhola,hello\n')).toEqual(['foo', 'bar'])
    // after an empty line, #tags: is a comment
    expect(tags('\n#tags:foo bar\nhola,hello\n')).toEqual([])
    // not on the first line, "tags:" is a card
    expect(sides('#\ntags:foo bar\n')).toEqual([['tags:foo bar', NO_BACK]])
  })

  it('should_detect_column_number_and_names: columns by separator, and #columns names', () => {
    expect(read('foo;bar\n').csv?.labels).toHaveLength(2)
    expect(read('#separator:,\nfoo;bar\n').csv?.labels).toHaveLength(1)
    expect(read('#separator:|\nfoo|bar\n').csv?.labels).toHaveLength(2)
    expect(read('#separator:;\nfoo;bar\n', { choice: { delimiter: '|' } }).csv?.labels).toHaveLength(1)
    expect(read('#columns:one\ttwo\n').csv).toMatchObject({ labels: ['one', 'two'], names: 'columns-line' })
    expect(read('#separator:|\n#columns:one|two\n').csv?.labels).toEqual(['one', 'two'])
  })

  it('should_detect_column_number_despite_escaped_line_breaks: a quoted line break does not end the row', () => {
    const result = read('"foo|\nbar"\tfoo\tbar\n')
    expect(result.csv).toMatchObject({ delimiter: '\t', labels: ['', '', ''] })
    expect(basicNotes(result.deck)).toEqual([expect.objectContaining({ front: 'foo|\nbar', back: 'foo', extra: 'bar' })])
  })

  it('should_map_default_notetype_fields_by_index_if_no_column_names: fields are the columns left after the deck column', () => {
    const result = read('#deck column:1\nfoo,bar,baz\n')
    expect(result.deck?.name).toBe('foo')
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([['bar', 'baz']])
  })

  it('should_map_default_notetype_fields_by_given_column_names: #columns:Back\\tFront puts column 2 in front', () => {
    const result = read('#columns:Back\tFront\nfoo,bar,baz\n')
    expect(basicNotes(result.deck)).toEqual([expect.objectContaining({ front: 'bar', back: 'foo' })])
    expect(result.csv).toMatchObject({ front: 1, back: 0, names: 'columns-line' })
  })

  it('should_gather_first_lines_into_preview: a space separator, HTML reduced, a missing field empty', () => {
    const result = read('#separator: \nfoo bar\nbaz<br>\n')
    expect(result.csv).toMatchObject({ delimiter: ' ', html: true, sample: ['foo', 'bar'] })
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['foo', 'bar'],
      ['baz', NO_BACK]
    ])
  })

  it('should_parse_first_first_line_despite_bom: #separator and tags: are read after a byte-order mark', () => {
    expect(read('\ufeff#separator:tab\n').csv?.delimiter).toBe('\t')
    expect(basicNotes(read('\ufefftags:foo\nhola\thello\n').deck)[0]?.tags).toEqual(['foo'])
  })

  it('should_not_set_tags_column_if_all_are_field_columns: two columns are front and back, no tags', () => {
    expect(basicNotes(read('hola,hello\n').deck)[0]).toMatchObject({ front: 'hola', back: 'hello', tags: [] })
  })

  it('should_set_tags_column_to_next_unused_column: Recall differs on purpose, the next unused column is the extra', () => {
    // Anki's Basic note type has no third field, so Anki sends the next free column to tags;
    // a Recall note has an extra, which keeps that column's text visible on the card.
    const result = read('#deck column:3\nhola,hello,Spanish,greeting informal\n')
    expect(basicNotes(result.deck)).toEqual([
      expect.objectContaining({ front: 'hola', back: 'hello', extra: 'greeting informal', tags: [] })
    ])
  })
})
