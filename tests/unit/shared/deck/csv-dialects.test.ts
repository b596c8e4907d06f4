import { basicNotes } from '../../helpers/notes'
import { NO_BACK, parseCsvDeck } from '@shared/deck/csv'
import { formatProblem } from '@shared/deck/problems'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => readFileSync(`tests/fixtures/import/csv/${name}`, 'utf8')
const sides = (text: string, file = 'deck.csv') => basicNotes(parseCsvDeck(text, file).deck).map((c) => [c.front, c.back])

describe('parseCsvDeck: CSV as people write it', () => {
  it('reads quoted fields after a comma and spaces as quoted: every back of a 24-row hand-written file comes in whole', () => {
    const result = parseCsvDeck(fixture('hand-written-quotes.csv'), 'hand-written-quotes.csv')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['What are the three primary colours of light?', 'Red, green, blue'],
      ['Which planets are gas giants?', 'Jupiter, Saturn'],
      ['Capital of Australia?', 'Canberra'],
      ['Name the noble gases in the first three periods.', 'Helium, neon, argon'],
      ['What does HTTP stand for?', 'Hypertext Transfer Protocol'],
      ['Which languages are official in Switzerland?', 'German, French, Italian, Romansh'],
      ['Boiling point of water at sea level?', '100 °C'],
      ['What are the states of matter taught in school?', 'Solid, liquid, gas'],
      ['Who wrote "Les Misérables"?', 'Victor Hugo'],
      ['Which layers make up the Earth?', 'Crust, mantle, outer core, inner core'],
      ['Largest ocean?', 'Pacific'],
      ['What are the SI base units for length, mass and time?', 'Metre, kilogram, second'],
      ['Which countries share the Iberian Peninsula?', 'Spain, Portugal, Andorra'],
      ['Chemical symbol for gold?', 'Au'],
      ['What do the letters in RGB stand for?', 'Red, Green, Blue'],
      ['Which metals are liquid near room temperature?', 'Mercury, gallium (just above), caesium'],
      ['Speed of light in vacuum?', '299,792,458 m/s'],
      ['Who painted the Mona Lisa?', 'Leonardo da Vinci'],
      ['What are the three branches of the US government?', 'Legislative, executive, judicial'],
      ['Which blood types exist in the ABO system?', 'A, B, AB, O'],
      ['What is the quote mark in a CSV field written as?', 'Two of them: " inside quotes'],
      ['Smallest prime number?', '2'],
      ['Which continents lie entirely in the southern hemisphere?', 'Australia, Antarctica'],
      ['What are the primary tastes?', 'Sweet, sour, salty, bitter, umami']
    ])
    expect(basicNotes(result.deck).some((c) => c.back.includes('"') && !c.back.includes('" inside'))).toBe(false)
    expect(result.csv).toMatchObject({ delimiter: ',', delimiterFrom: 'guess', names: 'none', mended: [12] })
  })

  it('makes a row with an unquoted comma two fields again when the file has two columns', () => {
    const text =
      'Capital of Peru?, Lima\nWhere is Paris?, France, in Europe\nSo, what is 2+2?, "4, of course"\nCapital of Chile?, Santiago\n' +
      'Capital of Spain?, Madrid\nCapital of Italy?, Rome\nCapital of Japan?, Tokyo\n'
    const result = parseCsvDeck(text, 'mixed.csv')
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['Capital of Peru?', 'Lima'],
      ['Where is Paris?', 'France, in Europe'],
      ['So, what is 2+2?', '4, of course'],
      ['Capital of Chile?', 'Santiago'],
      ['Capital of Spain?', 'Madrid'],
      ['Capital of Italy?', 'Rome'],
      ['Capital of Japan?', 'Tokyo']
    ])
    expect(result.csv?.mended).toEqual([2, 3])
    // a file of three columns is left as it is
    expect(parseCsvDeck('a,b,c\nd,e,f\ng,h,i,j\n', 'three.csv').csv?.mended).toEqual([])
  })

  it('drops spaces around quotes only outside quoted text, and keeps the lines of later rows', () => {
    const text = 'A , "x ,  y" \n"  padded inside  " ,  "b"\nBroken, "never closed\nLast, one\n'
    const result = parseCsvDeck(text, 'spaces.csv')
    expect(basicNotes(result.deck).map((c) => [c.front, c.back, c.extra])).toEqual([
      ['A', 'x ,  y', undefined],
      ['padded inside', 'b', undefined],
      ['Broken', '"never closed', undefined],
      ['Last', 'one', undefined]
    ])
    expect(result.problems.map(formatProblem)).toEqual([
      'spaces.csv:3: a quoted field is never closed; the line was read as it stands, quote included'
    ])
  })

  it('reads Windows line ends with a semicolon separator, decimal commas and a quoted line break', () => {
    const result = parseCsvDeck(fixture('windows-semicolon.csv'), 'windows-semicolon.csv')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['What is 1/2 as a decimal?', '0,5'],
      ['Capital of France?', 'Paris;\nsince 987'],
      ['Pi to two places?', '3,14']
    ])
    expect(result.csv).toMatchObject({ delimiter: ';', names: 'first-row', labels: ['Front', 'Back'] })
  })

  it('reads an Excel file: byte-order mark, a sep=; first line, CRLF, a header row in German and a third column as extra', () => {
    const result = parseCsvDeck(fixture('excel-sep-line.csv'), 'excel-sep-line.csv')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck)).toEqual([
      expect.objectContaining({ front: 'Hauptstadt von Österreich?', back: 'Wien', extra: 'Seit 1918 Republik' }),
      expect.objectContaining({ front: 'Hauptstadt der Schweiz?', back: 'Bern', extra: 'Bundesstadt, nicht Hauptstadt' })
    ])
    expect(result.csv).toMatchObject({ delimiter: ';', delimiterFrom: 'excel', names: 'first-row' })
  })

  it('reads old Mac line ends (a lone carriage return) with a header row and a quoted comma', () => {
    const result = parseCsvDeck(fixture('old-mac-cr.csv'), 'old-mac-cr.csv')
    expect(result.problems).toEqual([])
    expect(basicNotes(result.deck).map((c) => [c.front, c.back])).toEqual([
      ['Osmosis', 'Water moving across a membrane, from low to high solute'],
      ['Mitosis', 'Cell division into two identical cells']
    ])
  })

  it('reads a tab file whose backs hold commas and semicolons, and more columns as the extra', () => {
    const text = 'Wort\tBedeutung\tBeispiel\nder Hund\tthe dog; a dog\tDer Hund bellt, laut.\ndie Katze\tthe cat\t\n'
    const result = parseCsvDeck(text, 'wörter.tsv')
    expect(basicNotes(result.deck)).toEqual([
      expect.objectContaining({ front: 'der Hund', back: 'the dog; a dog', extra: 'Der Hund bellt, laut.' }),
      expect.objectContaining({ front: 'die Katze', back: 'the cat' })
    ])
    expect(basicNotes(result.deck)[1]?.extra).toBeUndefined()
  })

  it('takes a row of names as a header only when cards follow it: a file whose only row is front,back is one card', () => {
    expect(sides('front,back\n')).toEqual([['front', 'back']])
    expect(sides('Question,Answer\n')).toEqual([['Question', 'Answer']])
    expect(sides('Question,Answer\nWhat is H2O?,Water\n')).toEqual([['What is H2O?', 'Water']])
    expect(parseCsvDeck('Question,Answer\nWhat is H2O?,Water\n', 'q.csv').csv).toMatchObject({
      names: 'first-row',
      namesFrom: 'guess',
      labels: ['Question', 'Answer'],
      sample: ['What is H2O?', 'Water']
    })
  })

  it('follows the person: the first row as a card, another separator, other front and back columns', () => {
    const text = 'Question,Answer\nWhat is H2O?,Water\n'
    expect(basicNotes(parseCsvDeck(text, 'q.csv', { choice: { header: false } }).deck).map((c) => c.front)).toEqual([
      'Question',
      'What is H2O?'
    ])
    const chosen = parseCsvDeck('Term;Meaning, in short\nosmosis;water, through a membrane\n', 't.csv', {
      choice: { delimiter: ';', header: true, front: 1, back: 0 }
    })
    expect(basicNotes(chosen.deck).map((c) => [c.front, c.back])).toEqual([['water, through a membrane', 'osmosis']])
    expect(chosen.csv).toMatchObject({ delimiter: ';', delimiterFrom: 'choice', namesFrom: 'choice', front: 1, back: 0 })
  })

  it('names the line of every broken row and imports the rest of a 30-row file', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Question ${i + 1}, "Answer ${i + 1}, with a comma"`)
    rows[9] = 'Question 10, "Answer 10 "quoted" badly"'
    rows[19] = 'Question 20, "Answer 20 never closed'
    rows[24] = ', Answer 25 without a question'
    const result = parseCsvDeck(rows.join('\r\n') + '\r\n', 'broken.csv')
    expect(result.problems.map(formatProblem)).toEqual([
      'broken.csv:10: a quoted field has text after its closing quote; the field was read as it stands, quotes included',
      'broken.csv:20: a quoted field is never closed; the line was read as it stands, quote included',
      'broken.csv:25: field front: front is empty'
    ])
    const notes = basicNotes(result.deck)
    expect(notes).toHaveLength(29)
    expect(notes[0]?.back).toBe('Answer 1, with a comma')
    expect(notes[28]?.back).toBe('Answer 30, with a comma')
    expect(notes.find((c) => c.front === 'Question 21')?.back).toBe('Answer 21, with a comma')
  })

  it('gives a back-less row the stated placeholder, not a refusal, and a cloze row needs no back', () => {
    expect(sides('The capital of Peru is {{c1::Lima}}.\nCapital of Chile?,Santiago\n')).toEqual([['Capital of Chile?', 'Santiago']])
    const cloze = parseCsvDeck('The capital of Peru is {{c1::Lima}}.\nCapital of Chile?,Santiago\n', 'c.csv')
    expect(cloze.problems).toEqual([])
    expect(cloze.deck?.notes[0]).toMatchObject({ type: 'cloze', text: 'The capital of Peru is {{c1::Lima}}.' })
    expect(sides('Capital of Chile?,Santiago\nCapital of Bolivia?,\n')[1]).toEqual(['Capital of Bolivia?', NO_BACK])
  })
})
