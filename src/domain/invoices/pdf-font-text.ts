import type { PDFFont } from 'pdf-lib'

/** What a character the font cannot draw becomes when it has no plain letter to fall back on. */
export const UNDRAWABLE = '?'

/** The code points a font can draw; take it once per font (pdf-lib builds the list on every call). */
export function fontCharacters(font: PDFFont): ReadonlySet<number> {
  return new Set(font.getCharacterSet())
}

/**
 * The text as a font with these {@link fontCharacters} can draw it. pdf-lib's standard fonts encode WinAnsi (Windows-1252: å ä ö é ü ß
 * Š € – and the rest of Western Europe), and throw on anything else; a character outside the font
 * becomes its letter without the accent where it has one (`ő` → `o`, `ń` → `n`), otherwise
 * {@link UNDRAWABLE} (`Ł`, `李`), so a name never crashes the document and never silently loses a letter.
 * Control characters (tabs, line breaks) become spaces.
 */
export function drawable(supported: ReadonlySet<number>, text: string): string {
  let out = ''
  for (const ch of text.replace(/\p{Cc}/gu, ' ')) {
    if (supported.has(ch.codePointAt(0) ?? 0)) {
      out += ch
      continue
    }
    const base = [...ch.normalize('NFD')].filter((c) => supported.has(c.codePointAt(0) ?? 0))
    out += base.length === 1 && base[0] !== undefined ? base[0] : UNDRAWABLE
  }
  return out
}

/**
 * Breaks drawable text into lines no wider than `width` at `size`: at spaces, and inside a word only
 * when the word alone is wider than the line (a long id or e-mail address).
 */
export function wrapText(font: PDFFont, text: string, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (line !== '') lines.push(line)
    line = ''
    for (const ch of word) {
      if (!fits(line + ch) && line !== '') {
        lines.push(line)
        line = ''
      }
      line += ch
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}
