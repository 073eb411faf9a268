import { describe, expect, test } from 'bun:test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { drawable, fontCharacters, UNDRAWABLE, wrapText } from './pdf-font-text'

const doc = await PDFDocument.create()
const helvetica = await doc.embedFont(StandardFonts.Helvetica)
const winAnsi = fontCharacters(helvetica)

describe('drawable', () => {
  test('WinAnsi text stays as it is: å ä ö Å Ä Ö é ü ß € –', () => {
    expect(drawable(winAnsi, 'åäö ÅÄÖ é ü ß € –')).toBe('åäö ÅÄÖ é ü ß € –')
  })

  test('accented letters outside WinAnsi become the letter, others the replacement, nothing vanishes', () => {
    const cases: [string, string][] = [
      ['Erdős', 'Erdos'],
      ['Łódź', `${UNDRAWABLE}ódz`],
      ['李小龍', UNDRAWABLE.repeat(3)],
      ['Şahin Çelik', 'Sahin Çelik'],
      ['a\tb\nc', 'a b c'],
    ]
    for (const [input, output] of cases) {
      expect([input, drawable(winAnsi, input)]).toEqual([input, output])
      expect(() => helvetica.encodeText(drawable(winAnsi, input))).not.toThrow()
    }
  })
})

describe('wrapText', () => {
  test('breaks at spaces and keeps every line within the width', () => {
    const text = 'Bostadsrättsföreningen Gröna Ängarnas Underjordiska Parkeringsgarage Plan Två'
    const lines = wrapText(helvetica, text, 8, 90)
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.join(' ')).toBe(text)
    for (const line of lines) expect(helvetica.widthOfTextAtSize(line, 8)).toBeLessThanOrEqual(90)
  })

  test('a word wider than the line is broken inside, losing no character', () => {
    const word = 'x'.repeat(80)
    const lines = wrapText(helvetica, `ab ${word}`, 8, 50)
    expect(lines.join('')).toBe(`ab${word}`)
    for (const line of lines) expect(helvetica.widthOfTextAtSize(line, 8)).toBeLessThanOrEqual(50)
  })

  test('empty text is one empty line', () => {
    expect(wrapText(helvetica, '', 8, 50)).toEqual([''])
  })
})
