/**
 * IBM code page 437, the "PC8" character set that SIE files are written in (SIE filformat 4B, §5.5:
 * "#FORMAT PC8" means IBM extended 8-bit ASCII, code page 437). Bytes 0x00–0x7F are ASCII; this is
 * 0x80–0xFF in order, so `CP437_HIGH[i]` is the character of byte `0x80 + i` (å 0x86, ä 0x84, ö 0x94).
 */
export const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0'

const HIGH_BYTE = new Map<string, number>([...CP437_HIGH].map((ch, i) => [ch, 0x80 + i]))

/** What a character that code page 437 lacks becomes when it has no plain letter to fall back on. */
export const CP437_REPLACEMENT = '?'

function byteOf(ch: string): number | undefined {
  const code = ch.codePointAt(0) ?? 0
  return code < 0x80 ? code : HIGH_BYTE.get(ch)
}

/**
 * Encodes text as CP437. A character the code page lacks becomes its letter without the accent where it
 * has one (`ł` stays `?`, `ő` becomes `o`, `š` becomes `s`) and {@link CP437_REPLACEMENT} otherwise, so
 * nothing vanishes and nothing throws.
 *
 * @example encodeCp437('Kundfordringar åäö') // … 0x86 0x84 0x94
 */
export function encodeCp437(text: string): Uint8Array {
  const bytes: number[] = []
  for (const ch of text) {
    const direct = byteOf(ch)
    if (direct !== undefined) {
      bytes.push(direct)
      continue
    }
    const base = [...ch.normalize('NFD')].map(byteOf).filter((b): b is number => b !== undefined && b >= 0x20)
    const letter = base[0]
    bytes.push(letter !== undefined && base.length === 1 ? letter : CP437_REPLACEMENT.charCodeAt(0))
  }
  return Uint8Array.from(bytes)
}
