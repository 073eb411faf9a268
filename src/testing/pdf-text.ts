import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireTool } from './require-tool'

/** Where poppler's text extractor is, when it is installed. */
export const PDFTOTEXT = Bun.which('pdftotext')

/** Whether PDF tests can read their documents back: skips locally without poppler, fails with CI=true. */
export function requirePdftotext(needed: string): boolean {
  return requireTool({
    tool: 'pdftotext',
    available: PDFTOTEXT !== null,
    install: 'apt-get install poppler-utils',
    needed,
  })
}

/**
 * A PDF's text per page as poppler's `pdftotext` reads it: `layout` (the default) keeps columns on their
 * lines, as a person sees them; `raw` keeps the drawn strings in content order with their own spaces
 * (layout mode closes small gaps, so a drawn `1 / 3` alone at the page's edge reads `1/3` there).
 */
export async function pdfPages(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): Promise<string[]> {
  const text = await pdftotext(pdf, `-${mode}`)
  return text.split('\f').filter((page, i, pages) => i < pages.length - 1 || page.trim() !== '')
}

/** One word poppler found on a page, with its box in points from the page's top left. */
export interface PdfWord {
  page: number
  pageWidth: number
  text: string
  xMin: number
  xMax: number
}

/** Every word of a PDF with where it is (`pdftotext -bbox`), to check nothing runs off the page. */
export async function pdfWords(pdf: Uint8Array): Promise<PdfWord[]> {
  const html = await pdftotext(pdf, '-bbox')
  const words: PdfWord[] = []
  let page = 0
  let pageWidth = 0
  for (const m of html.matchAll(
    /<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
  )) {
    if (m[1] !== undefined) {
      page++
      pageWidth = Number(m[1])
    } else {
      words.push({ page, pageWidth, text: m[4] ?? '', xMin: Number(m[2]), xMax: Number(m[3]) })
    }
  }
  return words
}

async function pdftotext(pdf: Uint8Array, flag: string): Promise<string> {
  if (PDFTOTEXT === null) throw new Error('pdftotext is not installed (apt-get install poppler-utils)')
  const dir = await mkdtemp(join(tmpdir(), 'pdf-text-'))
  try {
    const file = join(dir, 'document.pdf')
    await writeFile(file, pdf)
    const child = Bun.spawn([PDFTOTEXT, flag, '-enc', 'UTF-8', file, '-'], { stdout: 'pipe', stderr: 'pipe' })
    const [text, err, code] = [
      await new Response(child.stdout).text(),
      await new Response(child.stderr).text(),
      await child.exited,
    ]
    if (code !== 0) throw new Error(`pdftotext failed (${code}): ${err}`)
    return text
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
