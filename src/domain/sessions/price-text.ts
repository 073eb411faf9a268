import type { Language } from '@src/domain/driver-pages/language'
import { tariffWords } from '@src/domain/driver-pages/tariff-words'
import type { Tariff } from '@src/domain/tariffs/tariff'

/** The longest text a charger's display is sent (2.0.1 MessageContent and the 1.6 whitepaper's texts: 512). */
export const MAX_DISPLAY_TEXT = 512

/**
 * A tariff as one line for a charger's display: its own alt text in `lang` when it has one, else its
 * prices in words (`2.50 SEK per kWh; prices incl. VAT`), cut to {@link MAX_DISPLAY_TEXT} characters.
 */
export function priceText(tariff: Tariff, lang: Language): string {
  const words = tariffWords(tariff, lang)
  const text = words.text ?? words.lines.join('; ')
  return text.length > MAX_DISPLAY_TEXT ? `${text.slice(0, MAX_DISPLAY_TEXT - 1)}…` : text
}
